using Hearth.Features.Accounts;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Events.Pages;

/// <summary>The organiser or a moderator changes an event's time, place or capacity.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class EditEventModel(TopicQueries queries, EditEvent edit) : PageModel
{
    [BindProperty] public EventForm Event { get; set; } = new();
    public TopicView Topic { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (User.UserId() is null) return Challenge();
        if (await LoadAsync(id) is { } refused) return refused;
        Event = EventForm.From(Topic.Event!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await edit.HandleAsync(id, Event.ToRequest() ?? new EventRequest(null, null, Event.TimeZone), me);
        if (result.Ok)
        {
            TempData["Flash"] = "Event saved.";
            return Redirect(result.Value! + "#event");
        }
        if (result.Failure is Failure.NotFound) return NotFound();
        if (result.Failure is Failure.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        if (await LoadAsync(id) is { } refused) return refused;
        ModelState.AddProblem(result);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        if (await queries.TopicAsync(id, User.UserId(), 0, 1) is not { Event: not null } topic) return NotFound();
        Topic = topic;
        var organiser = User.Identity?.Name == topic.Author.UserName;
        if (!CommunityPermissions.MayPost(topic.Access) || !(organiser || topic.Access.IsModerator)) return StatusCode(StatusCodes.Status403Forbidden);
        return null;
    }
}
