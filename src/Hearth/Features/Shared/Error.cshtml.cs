using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Shared;

/// <summary>The page shown for 4xx/5xx responses outside the API; the status code is kept.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int code, [FromServices] Portability.OldLinks oldLinks)
    {
        // A path nothing here answers may be an imported community's old link; only this page asks, so no hot path pays.
        if (code == 404 && await oldLinks.FindAsync(HttpContext) is { } moved) return RedirectPermanent(moved);
        Describe(code);
        return Page();
    }

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Heading, Explanation) = code switch
        {
            404 => ("Not found", "There is nothing here, or it is not yours to see."),
            403 => ("Not allowed", "You may not do that here."),
            429 => ("Slow down", "Too many requests; try again in a moment."),
            400 => ("Bad request", "The request could not be understood; reload the page and try again."),
            _ => ("Something went wrong", "The error has been logged."),
        };
    }
}
