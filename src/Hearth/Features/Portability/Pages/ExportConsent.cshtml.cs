using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Portability.Pages;

/// <summary>The member's side of export consent: a checkbox, off until they tick it.</summary>
[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class ExportConsentModel(ExportConsent exportConsent) : PageModel
{
    public string Slug { get; private set; } = "";
    public bool Consent { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var result = await exportConsent.GetAsync(slug, User.UserId()!.Value);
        if (!result.Ok) return result.Failure == Failure.NotFound ? NotFound() : Forbid();
        (Slug, Consent) = (slug, result.Value!.Consent);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, bool consent = false)
    {
        var result = await exportConsent.SetAsync(slug, new ExportConsentRequest(consent), User.UserId()!.Value);
        if (!result.Ok)
        {
            if (result.Failure == Failure.NotFound) return NotFound();
            if (result.Failure == Failure.Forbidden) return Forbid();
            ModelState.AddProblem(result);
            Slug = slug;
            return Page();
        }
        TempData["Flash"] = result.Value!.Consent ? "Community exports will include your name." : "Community exports will not name you.";
        return Redirect($"/c/{slug}/export-consent");
    }
}
