using Hearth.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Events.Pages;

/// <summary>A community's (or one space's) upcoming or past events, a page at a time.</summary>
public sealed class EventsModel(EventQueries queries) : PageModel
{
    public EventListing Listing { get; private set; } = null!;
    public string? Cursor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? when, string? space, string? cursor)
    {
        if (!EventsApi.TryWhen(when, out var which) || !EventCursor.TryParse(cursor, out var after)) return BadRequest();
        var listing = await queries.ListAsync(slug, which, space, User.UserId(), after, null);
        if (!listing.Ok) return NotFound();
        Listing = listing.Value!;
        Cursor = after is null ? null : cursor;
        return Page();
    }
}
