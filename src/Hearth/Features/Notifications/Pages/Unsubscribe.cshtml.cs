using Hearth.Platform.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Notifications.Pages;

/// <summary>
/// One-click unsubscribe (RFC 8058), without signing in: the signed token is the authority. GET only asks (link
/// scanners fetch links and must not unsubscribe anyone); POST — from this page, or straight from a mail client with
/// <c>List-Unsubscribe=One-Click</c> and no antiforgery token of ours — unsubscribes.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(UnsubscribeTokens tokens, EmailPreferences preferences) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "token")] public string? Token { get; set; }
    public bool Valid { get; private set; }
    public bool Done { get; private set; }
    public string What { get; private set; } = "";

    public IActionResult OnGet()
    {
        if (tokens.Read(Token) is not { } target) return NotFoundPage();
        (Valid, What) = (true, Describe(target.List));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (tokens.Read(Token) is not { } target || !await preferences.UnsubscribeAsync(target.UserId, target.List)) return NotFoundPage();
        (Valid, Done, What) = (true, true, Describe(target.List));
        return Page();
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private static string Describe(string list) => list == "digest" ? "digest e-mails" : "notification e-mails";
}
