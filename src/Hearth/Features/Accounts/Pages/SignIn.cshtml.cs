using Hearth.Platform.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Accounts.Pages;

[EnableRateLimiting(RateLimits.Login)]
public sealed class SignInModel(SignInManager<User> signIn, UserManager<User> users) : PageModel
{
    [BindProperty] public string? UserNameOrEmail { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var key = UserNameOrEmail?.Trim() ?? "";
        var user = key.Length == 0 ? null : await users.FindByNameAsync(key) ?? await users.FindByEmailAsync(key);
        if (user is not null && !string.IsNullOrEmpty(Password))
        {
            var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: true, lockoutOnFailure: true);
            if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            if (result.IsLockedOut)
            {
                ModelState.AddModelError("", "Too many failed attempts; the account is locked for a few minutes.");
                return Page();
            }
        }
        ModelState.AddModelError("", "Wrong user name or password.");
        return Page();
    }
}
