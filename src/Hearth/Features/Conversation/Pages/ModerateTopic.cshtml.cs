using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Conversation.Pages;

/// <summary>The topic page's lock, archive and move forms post here; success goes back to the topic.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class ModerateTopicModel(LockTopic lockTopic, ArchiveTopic archive, MoveTopic move) : PageModel
{
    [BindProperty] public bool? Value { get; set; }
    [BindProperty] public string? Space { get; set; }
    public string Message { get; private set; } = "";
    public string Back { get; private set; } = "";

    public IActionResult OnGet(long id) => Redirect($"/t/{id}");

    public async Task<IActionResult> OnPostLockAsync(long id) => User.UserId() is not { } me ? Challenge()
        : Answer(id, await lockTopic.HandleAsync(id, new LockRequest(Value), me), Value == true ? "Topic locked." : "Topic unlocked.");

    public async Task<IActionResult> OnPostArchiveAsync(long id) => User.UserId() is not { } me ? Challenge()
        : Answer(id, await archive.HandleAsync(id, new ArchiveRequest(Value), me), Value == true ? "Topic archived." : "Topic unarchived.");

    public async Task<IActionResult> OnPostMoveAsync(long id) => User.UserId() is not { } me ? Challenge()
        : Answer(id, await move.HandleAsync(id, new MoveRequest(Space), me), $"Topic moved to {Space}.");

    private IActionResult Answer<T>(long id, Result<T> result, string done)
    {
        if (result.Ok)
        {
            TempData["Flash"] = done;
            return Redirect($"/t/{id}");
        }
        if (result.Failure is Failure.NotFound) return NotFound();
        Message = Questions.Refusals.Describe(result);
        Back = $"/t/{id}";
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }
}
