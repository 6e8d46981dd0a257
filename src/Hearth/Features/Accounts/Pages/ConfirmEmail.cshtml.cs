using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Accounts.Pages;

/// <summary>Opening the link is the confirmation: it proves the address receives mail, which is all it claims.</summary>
public sealed class ConfirmEmailModel(ConfirmEmailAddress confirm) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token)
    {
        Confirmed = (await confirm.HandleAsync(token)).Ok;
        if (!Confirmed) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
