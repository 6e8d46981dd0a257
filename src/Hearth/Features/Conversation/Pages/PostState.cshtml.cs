using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Conversation.Pages;

/// <summary>The author's Delete and Restore buttons post here; success goes back to the post.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class PostStateModel(DeletePost delete) : PageModel
{
    public string Message { get; private set; } = "";

    public IActionResult OnGet() => NotFound();

    public Task<IActionResult> OnPostDeleteAsync(long id) => ChangeAsync(id, restore: false);

    public Task<IActionResult> OnPostRestoreAsync(long id) => ChangeAsync(id, restore: true);

    private async Task<IActionResult> ChangeAsync(long id, bool restore)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await delete.HandleAsync(id, restore, me);
        if (result.Ok) return Redirect(result.Value!.Url);
        if (result.Failure is Failure.NotFound) return NotFound();
        Message = Questions.Refusals.Describe(result);
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }
}
