using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Ideas.Pages;

/// <summary>An idea's vote toggle posts here; success goes back to the idea.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class VoteIdeaModel(VoteForIdea vote) : PageModel
{
    [BindProperty] public int? Value { get; set; }
    public string Message { get; private set; } = "";

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await vote.HandleAsync(id, new IdeaVoteRequest(Value), me);
        if (result.Ok) return Redirect(result.Value!.Url);
        if (result.Failure is Failure.NotFound) return NotFound();
        Message = result.Errors?.Values.SelectMany(e => e).FirstOrDefault() ?? result.Message ?? "That did not work.";
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }
}
