using Hearth.Features.Discussions;

namespace Hearth.Features.Conversation.Pages;

/// <summary>What a post's footer needs: the post, its topic, and the addresses of replying to and quoting it.</summary>
public sealed record PostToolsModel(TopicView Topic, PostView Post, bool MayReply, string ReplyUrl, string QuoteUrl);
