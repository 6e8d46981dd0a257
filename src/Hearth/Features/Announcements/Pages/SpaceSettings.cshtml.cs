using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Announcements.Pages;

/// <summary>The space page's settings form (stewards) posts here; the answer goes back to the space.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class SpaceSettingsPageModel(EditSpace edit) : PageModel
{
    [BindProperty] public bool? AllowReplies { get; set; }
    [BindProperty] public string? WhoCanStart { get; set; }

    public IActionResult OnGet(string slug, string space) => Redirect(SpaceUrl(slug, space));

    public async Task<IActionResult> OnPostAsync(string slug, string space)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await edit.HandleAsync(slug, space, new EditSpaceRequest(WhoCanStart: WhoCanStart, AllowReplies: AllowReplies), me);
        if (result.Failure is Failure.NotFound) return NotFound();
        if (result.Failure is Failure.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        TempData["Flash"] = result.Ok ? "Space settings saved." : string.Join(" ", result.Errors?.Values.SelectMany(e => e) ?? [result.Message ?? ""]);
        return Redirect(SpaceUrl(slug, space));
    }

    private static string SpaceUrl(string slug, string space) =>
        $"/c/{Uri.EscapeDataString(slug.ToLowerInvariant())}/s/{Uri.EscapeDataString(space.ToLowerInvariant())}";
}
