using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Articles.Pages;

/// <summary>The edit-policy form of an Articles space's page posts here.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class SpaceSettingsModel(SetEditPolicy set) : PageModel
{
    [BindProperty] public string? EditPolicy { get; set; }

    public string Message { get; private set; } = "";
    public string Back { get; private set; } = "/";

    public IActionResult OnGet(string slug, string space) => Redirect($"/c/{slug}/s/{space}");

    public async Task<IActionResult> OnPostAsync(string slug, string space)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await set.HandleAsync(slug, space, new SpaceSettingsRequest(EditPolicy), me);
        Back = $"/c/{slug.ToLowerInvariant()}/s/{space.ToLowerInvariant()}";
        if (result.Ok)
        {
            TempData["Flash"] = result.Value!.EditPolicy == nameof(Articles.EditPolicy.Authors)
                ? "Articles here are now edited by their authors and moderators."
                : "Articles here are now a wiki: every member may edit them.";
            return Redirect(Back);
        }
        if (result.Failure is Failure.NotFound) return NotFound();
        Message = result.Errors is { Count: > 0 } errors ? string.Join(" ", errors.SelectMany(e => e.Value)) : result.Message ?? "That did not work.";
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }
}
