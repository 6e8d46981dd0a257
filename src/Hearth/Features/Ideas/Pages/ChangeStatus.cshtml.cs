using Hearth.Features.Accounts;
using Hearth.Features.Discussions;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Ideas.Pages;

/// <summary>
/// The status-change form of an idea: it sits on the idea's page and posts here; when the change is refused
/// (a missing note, say) this page shows the form again with the reasons beside the fields.
/// </summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class ChangeStatusModel(TopicQueries queries, ChangeIdeaStatus change) : PageModel
{
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Note { get; set; }

    public TopicView Topic { get; private set; } = new();
    public bool MayChange { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        if (!MayChange) Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await change.HandleAsync(id, new ChangeStatusRequest(Status, Note), me);
        if (result.Ok)
        {
            TempData["Flash"] = $"Status changed to {IdeaStatuses.Label(result.Value!.Status)}; {result.Value.Notified} {(result.Value.Notified == 1 ? "person" : "people")} notified.";
            return Redirect(result.Value.Url);
        }
        if (result.Failure is Failure.NotFound) return NotFound();
        if (await LoadAsync(id) is { } missing) return missing;
        ModelState.AddProblem(result);
        if (result.Failure is Failure.Forbidden or Failure.Conflict) Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        // One post is enough: this page shows the idea's title and status, not its discussion.
        if (await queries.TopicAsync(id, User.UserId(), 0, 1) is not { } topic || !IdeaPermissions.IsIdea(topic.Kind)) return NotFound();
        Topic = topic;
        MayChange = IdeaPermissions.MayChangeStatus(topic.Access);
        return null;
    }
}
