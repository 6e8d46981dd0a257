using Hearth.Features.Accounts;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Moderation.Pages;

/// <summary>The community's moderation log: for moderators, and for members when the stewards made it public.</summary>
public sealed class LogModel(ModerationQueries queries) : PageModel
{
    public string Slug { get; private set; } = "";
    public Page<LogEntry> Entries { get; private set; } = Hearth.Platform.Web.Page.Of<LogEntry>([]);

    public async Task<IActionResult> OnGetAsync(string slug, string? cursor)
    {
        if (!ModerationQueries.TryCursor(cursor, out var before)) return BadRequest();
        var log = await queries.LogAsync(slug, User.UserId(), before, 50);
        if (!log.Ok) return NotFound();
        (Slug, Entries) = (slug.ToLowerInvariant(), log.Value!);
        return Page();
    }
}
