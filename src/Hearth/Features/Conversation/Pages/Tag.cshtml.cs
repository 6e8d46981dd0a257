using Hearth.Features.Accounts;
using Hearth.Features.Discussions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Conversation.Pages;

/// <summary>One tag's topics across a community, latest activity first.</summary>
public sealed class TagModel(TopicQueries queries) : PageModel
{
    public TopicListing Listing { get; private set; } = null!;
    public string Tag { get; private set; } = "";
    public string? Cursor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string tag, string? cursor)
    {
        if (!TopicCursor.TryParse(cursor, out var after)) return BadRequest();
        Tag = tag.Trim().ToLowerInvariant();
        var listing = await queries.ListAsync(slug, null, User.UserId(), after, null, Tag);
        if (!listing.Ok) return NotFound();
        Listing = listing.Value!;
        Cursor = after is null ? null : cursor;
        return Page();
    }
}
