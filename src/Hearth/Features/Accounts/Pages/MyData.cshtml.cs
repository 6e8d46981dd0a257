using Hearth.Features.Shared;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Accounts.Pages;

[Authorize]
public sealed class MyDataModel(DeleteAccount delete) : PageModel
{
    [BindProperty(Name = "Content")] public string? Choice { get; set; } = nameof(ContentChoice.Anonymise);
    [BindProperty] public string? Password { get; set; }

    public void OnGet() { }

    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> OnPostAsync()
    {
        var result = await delete.HandleAsync(User.UserId()!.Value, new DeleteAccountRequest(Password, Choice), HttpContext.RequestAborted);
        if (!result.Ok)
        {
            ModelState.AddProblem(result);
            return Page();
        }
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        TempData["Flash"] = "Your account is deleted. Thank you for what you shared.";
        return Redirect("/");
    }
}
