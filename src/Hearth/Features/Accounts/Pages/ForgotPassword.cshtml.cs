using Hearth.Features.Shared;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Accounts.Pages;

[EnableRateLimiting(RateLimits.Login)]
public sealed class ForgotPasswordModel(PasswordReset reset) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    public string? Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await reset.RequestAsync(new PasswordResetRequest(Email));
        if (!result.Ok)
        {
            ModelState.AddProblem(result);
            return Page();
        }
        Sent = result.Value!.Message;
        return Page();
    }
}
