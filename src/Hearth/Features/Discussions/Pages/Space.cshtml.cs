using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Discussions.Pages;

/// <summary>A space's topics, latest activity first, and the form to start one.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class SpaceModel(TopicQueries queries, CreateTopic create) : PageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Tags { get; set; }
    [BindProperty] public Hearth.Features.Events.EventForm Event { get; set; } = new();

    public TopicListing Listing { get; private set; } = null!;
    public string? Cursor { get; private set; }
    public bool MayStart { get; private set; }
    public string WhyNot { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, string space, string? cursor)
    {
        if (!TopicCursor.TryParse(cursor, out var after)) return BadRequest();
        Cursor = after is null ? null : cursor;
        return await LoadAsync(slug, space, after) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string space)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await create.HandleAsync(slug, new CreateTopicRequest(space, Title, Body, Discussions.Tags.Split(Tags), Event.ToRequest()), me);
        if (result.Ok) return Redirect(Topics.Url(result.Value!.Id, result.Value.Slug));
        if (result.Failure is Failure.NotFound) return NotFound();
        if (await LoadAsync(slug, space, null) is { } missing) return missing;
        ModelState.AddProblem(result);
        if (result.Failure is Failure.Forbidden) Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string slug, string space, TopicCursor? after)
    {
        var listing = await queries.ListAsync(slug, space, User.UserId(), after, null);
        if (!listing.Ok) return NotFound();
        Listing = listing.Value!;
        MayStart = TopicPermissions.MayStartTopic(Listing.Community, Listing.Space!.WhoCanStart);
        WhyNot = Hearth.Features.Communities.CommunityPermissions.MayPost(Listing.Community)
            ? "Only moderators start topics in this space."
            : TopicPermissions.WhyNotPost(Listing.Community, User.UserId() is not null);
        return null;
    }
}
