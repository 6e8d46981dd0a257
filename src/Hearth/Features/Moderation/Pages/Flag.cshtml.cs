using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Moderation.Pages;

/// <summary>The flag form for a post, a topic or a member; what the flagger may not see answers 404 on submit.</summary>
[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class FlagModel(FlagContent flag) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? PostId { get; set; }
    [BindProperty(SupportsGet = true)] public long? TopicId { get; set; }
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? RuleQuote { get; set; }
    [BindProperty] public string? Note { get; set; }
    public bool Done { get; private set; }

    public IActionResult OnGet() => PostId is null && TopicId is null && string.IsNullOrEmpty(UserName) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await flag.HandleAsync(new FlagRequest(PostId, TopicId, string.IsNullOrEmpty(UserName) ? null : UserName, Reason, RuleQuote, Note), User.UserId()!.Value);
        if (result.Failure is Failure.NotFound) return NotFound();
        if (result.Ok) Done = true;
        else
        {
            ModelState.AddProblem(result);
            Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        }
        return Page();
    }
}
