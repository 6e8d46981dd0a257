using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Moderation.Pages;

/// <summary>The site's review queue, for admins: every open flag, member flags included. Anyone else finds nothing.</summary>
[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class AdminFlagsModel(ModerationQueries queries, ResolveFlag resolve) : PageModel
{
    public Page<FlagView> Flags { get; private set; } = Hearth.Platform.Web.Page.Of<FlagView>([]);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? cursor)
    {
        if (!ModerationQueries.TryCursor(cursor, out var before)) return BadRequest();
        return await LoadAsync(before) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(long flagId, string? decision, string? note)
    {
        if (await LoadAsync(long.MaxValue) is { } missing) return missing;
        var result = await resolve.HandleAsync(flagId, new ResolveFlagRequest(decision, note), User.UserId()!.Value);
        if (result.Ok)
        {
            TempData["Flash"] = "The flag is resolved.";
            return Redirect("/admin/flags");
        }
        Error = result.Errors is { Count: > 0 } errors ? errors.Values.First().First() : result.Message;
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long before)
    {
        var flags = await queries.SiteFlagsAsync(User.UserId()!.Value, nameof(FlagState.Open), before, 50);
        if (!flags.Ok) return NotFound();
        Flags = flags.Value!;
        return null;
    }
}
