using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Questions.Pages;

/// <summary>The vote buttons of an answer post here; success goes back to the answer.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class VoteAnswerModel(VoteOnAnswer vote) : PageModel
{
    [BindProperty] public int? Value { get; set; }
    public string Message { get; private set; } = "";

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await vote.HandleAsync(id, new AnswerVoteRequest(Value), me);
        if (result.Ok) return Redirect(result.Value!.Url);
        if (result.Failure is Failure.NotFound) return NotFound();
        Message = Refusals.Describe(result);
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }
}
