using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Conversation.Pages;

/// <summary>The poll's ballot form posts here; success goes back to the poll.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class PollVoteModel(VoteInPoll vote) : PageModel
{
    [BindProperty] public List<long> Options { get; set; } = [];
    public string Message { get; private set; } = "";
    public string Back { get; private set; } = "";

    public IActionResult OnGet(long id) => Redirect($"/t/{id}");

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await vote.HandleAsync(id, new BallotRequest(Options), me);
        if (result.Ok) return Redirect(result.Value!.Url);
        if (result.Failure is Failure.NotFound) return NotFound();
        Message = Questions.Refusals.Describe(result);
        Back = $"/t/{id}";
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }
}
