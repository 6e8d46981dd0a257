using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Notifications.Pages;

[Authorize]
public sealed class EmailSettingsModel(EmailPreferences preferences) : PageModel
{
    [BindProperty] public bool EmailNotifications { get; set; }
    [BindProperty] public string Digest { get; set; } = "none";

    public async Task OnGetAsync()
    {
        var current = await preferences.GetAsync(User.UserId()!.Value);
        (EmailNotifications, Digest) = (current.EmailNotifications, current.Digest);
    }

    [EnableRateLimiting(RateLimits.Writes)]
    public async Task<IActionResult> OnPostAsync()
    {
        var result = await preferences.SetAsync(User.UserId()!.Value, new EmailPreferencesRequest(EmailNotifications, Digest));
        if (!result.Ok)
        {
            ModelState.AddProblem(result);
            return Page();
        }
        TempData["Flash"] = "Your e-mail settings are saved.";
        return RedirectToPage();
    }
}
