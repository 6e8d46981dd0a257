using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Discussions.Pages;

/// <summary>A topic's posts by post number, a page at a time, and the reply form.</summary>
[EnableRateLimiting(RateLimits.Writes)]
[OutputCache(PolicyName = AnonymousPageCache.Policy)]
public sealed class TopicModel(TopicQueries queries, ReplyToTopic reply, Conversation.ConversationQueries conversation) : PageModel
{
    private const int PageSize = Hearth.Platform.Web.Page.DefaultLimit;

    [BindProperty] public string? Body { get; set; }
    [BindProperty(SupportsGet = true)] public long? ReplyTo { get; set; }
    /// <summary>A post of this topic to quote: the composer starts with it as a Markdown block quote.</summary>
    [BindProperty(SupportsGet = true, Name = "quote")] public long? Quote { get; set; }

    public TopicView Topic { get; private set; } = new();
    public string? Cursor { get; private set; }
    public bool MayReply { get; private set; }
    public string WhyNot { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, string? titleSlug, string? cursor, [FromServices] Announcements.MarkSeen seen,
        [FromServices] Conversation.RecordRead read)
    {
        if (!PostCursor.TryParse(cursor, out var after)) return BadRequest();
        if (await LoadAsync(id, after) is { } missing) return missing;
        // One address per topic: /t/{id} and stale titles move permanently to the canonical one.
        if (titleSlug != Topic.Slug) return RedirectPermanent(Topic.Url + Request.QueryString);
        Cursor = after == 0 ? null : cursor;
        Topic = await read.HandleAsync(await seen.HandleAsync(Topic, User.UserId()), User.UserId());
        if (Quote is { } quote && MayReply && await conversation.QuoteAsync(id, quote, User.UserId()) is { } source)
        {
            Body = Conversation.ConversationQueries.QuoteMarkdown(source, Topic.Url);
            ReplyTo ??= source.PostId;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await reply.HandleAsync(id, new ReplyRequest(Body, ReplyTo), me);
        if (result.Ok)
        {
            var url = result.Value!.Url;
            return Redirect(PostUrl(url[..url.IndexOf('#')], result.Value.PostNumber));
        }
        if (result.Failure is Failure.NotFound) return NotFound();
        if (await LoadAsync(id, 0) is { } missing) return missing;
        ModelState.AddProblem(result);
        if (result.Failure is Failure.Forbidden or Failure.Conflict or Failure.TooManyRequests) Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        if (result.RetryAfter is { } wait) RetryAfterHeader.Set(Response, wait);
        return Page();
    }

    /// <summary>
    /// The address of the page that holds a post. Pages start after multiples of the page size, so post n is on the page
    /// after ((n - 1) / size) * size: hidden posts only make that page shorter, never push n off it.
    /// </summary>
    public static string PostUrl(string topicUrl, int postNumber) =>
        topicUrl + (postNumber <= PageSize ? "" : "?cursor=" + PostCursor.Encode((postNumber - 1) / PageSize * PageSize)) + $"#post-{postNumber}";

    public string PageUrl(long replyTo) =>
        Topic.Url + (Cursor is null ? $"?replyTo={replyTo}" : $"?cursor={Cursor}&replyTo={replyTo}");

    /// <summary>The first post the viewer has not read, when they read some before and more came since.</summary>
    public string? FirstUnreadUrl => Topic.LastReadPostNumber is { } read && read > 0 && read < Topic.PostCount ? PostUrl(Topic.Url, read + 1) : null;

    public string QuoteUrl(long postId) =>
        Topic.Url + (Cursor is null ? $"?quote={postId}" : $"?cursor={Cursor}&quote={postId}") + "#reply";

    private async Task<IActionResult?> LoadAsync(long id, int after)
    {
        if (await queries.TopicAsync(id, User.UserId(), after, PageSize) is not { } topic) return NotFound();
        Topic = topic;
        MayReply = TopicPermissions.MayReply(topic.Access, topic.Locked || topic.Archived) && topic.AllowReplies;
        WhyNot = TopicPermissions.WhyNotPost(topic.Access, User.UserId() is not null);
        return null;
    }
}
