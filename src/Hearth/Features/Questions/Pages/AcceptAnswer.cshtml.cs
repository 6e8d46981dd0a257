using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Questions.Pages;

/// <summary>The accept button of an answer posts here (an empty PostId takes the acceptance back).</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class AcceptAnswerModel(AcceptAnswer accept) : PageModel
{
    [BindProperty] public long? PostId { get; set; }
    public string Message { get; private set; } = "";

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var request = PostId is { } postId ? AcceptRequest.Accept(postId) : AcceptRequest.Unaccept();
        var result = await accept.HandleAsync(id, request, me);
        if (result.Ok) return Redirect(result.Value!.Url);
        if (result.Failure is Failure.NotFound) return NotFound();
        Message = Refusals.Describe(result);
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }
}
