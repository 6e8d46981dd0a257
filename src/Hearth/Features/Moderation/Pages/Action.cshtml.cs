using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Moderation.Pages;

/// <summary>One decision, as the member it is about sees it (with the appeal form, once) and as its moderators do.</summary>
[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class ActionModel(ModerationQueries queries, AppealAction appeal) : PageModel
{
    public ActionView Decision { get; private set; } = new();
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        var result = await appeal.HandleAsync(id, new AppealRequest(Reason), User.UserId()!.Value);
        if (result.Ok) return Redirect(ModerationUrls.Action(id));
        ModelState.AddProblem(result);
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        if (await queries.ActionAsync(id, User.UserId()!.Value) is not { } decision) return NotFound();
        Decision = decision;
        return null;
    }
}
