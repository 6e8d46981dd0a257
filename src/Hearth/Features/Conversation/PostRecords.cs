using System.Data.Common;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Results;

namespace Hearth.Features.Conversation;

/// <summary>One post as its write use cases need it, with its topic's header and the viewer's access.</summary>
internal sealed record PostRecord
{
    public long Id { get; init; }
    public long TopicId { get; init; }
    public int PostNumber { get; init; }
    public long AuthorId { get; init; }
    public string Body { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public string State { get; init; } = "";
    public int RevisionCount { get; init; }
    public DateTime CreatedAt { get; init; }
    public bool IsVisible => State == PostStates.Visible;
}

internal sealed record LoadedPost(PostRecord Post, TopicQueries.TopicHeader Topic)
{
    public CommunityAccess Access => Topic.Access;
    public string Url => Discussions.Pages.TopicModel.PostUrl(Topics.Url(Topic.Id, Topic.Slug), Post.PostNumber);
}

internal static class PostRecords
{
    /// <summary>
    /// The post and its topic, or NotFound when either is unknown or the viewer may not read the community — or the post
    /// is not Visible and the viewer is no moderator, unless <paramref name="anyState"/> (its author restoring it).
    /// </summary>
    public static async Task<Result<LoadedPost>> LoadAsync(DbConnection connection, long postId, long? viewer, DbTransaction? tx = null, bool anyState = false)
    {
        var post = await connection.QuerySingleOrDefaultAsync<PostRecord>("""
            SELECT id, topic_id, post_number, author_id, body, body_html, state, revision_count, created_at FROM posts WHERE id = @Id
            """, new { Id = postId }, tx);
        if (post is null) return Problem.NotFound("No such post.");
        var topic = await TopicQueries.HeaderAsync(connection, post.TopicId, viewer, tx);
        if (topic is null || !CommunityPermissions.MaySeeExistence(topic.Access) || !TopicPermissions.MayRead(topic.Access)) return Problem.NotFound("No such post.");
        var own = viewer is not null && post.AuthorId == viewer;
        if (!post.IsVisible && !topic.Access.IsModerator && !(anyState && own)) return Problem.NotFound("No such post.");
        return new LoadedPost(post, topic);
    }
}
