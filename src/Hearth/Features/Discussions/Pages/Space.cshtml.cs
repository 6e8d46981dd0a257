using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Discussions.Pages;

/// <summary>A space's topics, latest activity first, and the form to start one.</summary>
[EnableRateLimiting(RateLimits.Writes)]
[OutputCache(PolicyName = AnonymousPageCache.Policy)]
public sealed class SpaceModel(TopicQueries queries, CreateTopic create, Questions.QuestionQueries questions, Ideas.IdeaQueries ideas) : PageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Tags { get; set; }
    [BindProperty] public Hearth.Features.Events.EventForm Event { get; set; } = new();
    /// <summary>An optional poll: its question, one option per line, and whether members may choose several.</summary>
    [BindProperty] public string? PollQuestion { get; set; }
    [BindProperty] public string? PollOptions { get; set; }
    [BindProperty] public bool PollMultiple { get; set; }
    /// <summary>Questions spaces: unanswered, unsolved or solved. Ideas spaces: sort by votes, newest or latest, and one status.</summary>
    [BindProperty(SupportsGet = true)] public string? Filter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    /// <summary>Every space: one tag's topics; top's period (day, week, month, year, all).</summary>
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }

    public TopicListing Listing { get; private set; } = null!;
    public string? Cursor { get; private set; }
    public bool MayStart { get; private set; }
    public string WhyNot { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, string space, string? cursor)
    {
        if (KindList) return await LoadAsync(slug, space, null, cursor) ?? Page();
        if (!TopicCursor.TryParse(cursor, out var after)) return BadRequest();
        Cursor = after is null ? null : cursor;
        return await LoadAsync(slug, space, after) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string space)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await create.HandleAsync(slug, new CreateTopicRequest(space, Title, Body, Discussions.Tags.Split(Tags), Event.ToRequest(), PollFromForm()), me);
        if (result.Ok) return Redirect(Topics.Url(result.Value!.Id, result.Value.Slug));
        if (result.Failure is Failure.NotFound) return NotFound();
        if (await LoadAsync(slug, space, null) is { } missing) return missing;
        ModelState.AddProblem(result);
        if (result.Failure is Failure.Forbidden) Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    private Conversation.PollRequest? PollFromForm() => string.IsNullOrWhiteSpace(PollQuestion) && string.IsNullOrWhiteSpace(PollOptions) ? null
        : new Conversation.PollRequest(PollQuestion, (PollOptions ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), PollMultiple);

    /// <summary>This page with the same filter, sort and status, at another cursor.</summary>
    public string ListUrl(string? cursor)
    {
        var query = QueryString.Empty;
        if (Filter is not null) query = query.Add("filter", Filter);
        if (Sort is not null) query = query.Add("sort", Sort);
        if (Status is not null) query = query.Add("status", Status);
        if (Tag is not null) query = query.Add("tag", Tag);
        if (Period is not null) query = query.Add("period", Period);
        if (cursor is not null) query = query.Add("cursor", cursor);
        return $"/c/{Listing.Community.Slug}/s/{Listing.Space!.Slug}{query}";
    }

    private bool KindList => Filter is not null || Status is not null || Sort is "votes" or "newest";

    private async Task<IActionResult?> LoadAsync(string slug, string space, TopicCursor? after, string? kindCursor = null)
    {
        Cursor ??= string.IsNullOrEmpty(kindCursor) ? null : kindCursor;
        var sort = TopicSort.Parse(KindList ? null : Sort, KindList ? null : Period);
        if (sort is null) return BadRequest();
        var listing = !KindList ? await queries.ListAsync(slug, space, User.UserId(), after, null, string.IsNullOrWhiteSpace(Tag) ? null : Tag, sort)
            : Filter is not null ? await questions.ListAsync(slug, space, Filter, Sort, User.UserId(), kindCursor, null)
            : await ideas.ListAsync(slug, space, Sort, Status, User.UserId(), kindCursor, null);
        if (listing.Failure is Failure.Invalid) return BadRequest();
        if (!listing.Ok) return NotFound();
        Listing = listing.Value!;
        MayStart = TopicPermissions.MayStartTopic(Listing.Community, Listing.Space!.WhoCanStart);
        WhyNot = Hearth.Features.Communities.CommunityPermissions.MayPost(Listing.Community)
            ? "Only moderators start topics in this space."
            : TopicPermissions.WhyNotPost(Listing.Community, User.UserId() is not null);
        return null;
    }
}
