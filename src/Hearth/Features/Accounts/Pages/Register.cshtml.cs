using Hearth.Features.Shared;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Accounts.Pages;

[EnableRateLimiting(RateLimits.Register)]
public sealed class RegisterModel(RegisterUser register, SignInManager<User> signIn, UserManager<User> users) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await register.HandleAsync(new RegisterRequest(UserName, Email, Password, DisplayName));
        if (!result.Ok)
        {
            ModelState.AddProblem(result);
            return Page();
        }
        var user = await users.FindByIdAsync(result.Value!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await signIn.SignInAsync(user!, isPersistent: true);
        TempData["Flash"] = result.Value.IsAdmin ? "Welcome! As the first person here, you are this site's admin." : "Welcome to Hearth!";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
