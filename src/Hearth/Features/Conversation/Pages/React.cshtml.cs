using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Conversation.Pages;

/// <summary>A reaction button posts here (Remove=true takes the reaction back); success goes back to the post.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class ReactModel(ReactToPost react) : PageModel
{
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public bool Remove { get; set; }
    public string Message { get; private set; } = "";

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await react.HandleAsync(id, Kind, add: !Remove, me);
        if (result.Ok) return Redirect(result.Value!.Url);
        if (result.Failure is Failure.NotFound) return NotFound();
        Message = Questions.Refusals.Describe(result);
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }
}
