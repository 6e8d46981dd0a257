using Hearth.Features.Shared;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Accounts.Pages;

[EnableRateLimiting(RateLimits.Login)]
public sealed class ResetPasswordModel(PasswordReset reset) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    public string? Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await reset.ConfirmAsync(new PasswordResetConfirmRequest(Token, Password));
        if (!result.Ok)
        {
            ModelState.AddProblem(result);
            return Page();
        }
        Done = result.Value!.Message;
        return Page();
    }
}
