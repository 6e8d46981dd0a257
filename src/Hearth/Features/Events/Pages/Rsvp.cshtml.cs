using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Events.Pages;

/// <summary>The RSVP form of an event's topic posts here; success goes back to the event, a refusal is explained.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class RsvpModel(RsvpToEvent rsvp) : PageModel
{
    // Named "Response" in the form (the buttons' name), which PageModel.Response would otherwise hide.
    [BindProperty(Name = "Response")] public string? Answer { get; set; }

    public long Id { get; private set; }
    public string Message { get; private set; } = "";

    public IActionResult OnGet(long id) => Redirect($"/t/{id}#event");

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        Id = id;
        var result = await rsvp.HandleAsync(id, new RsvpRequest(Answer), me);
        if (result.Ok)
        {
            TempData["Flash"] = "Your RSVP is saved.";
            return Redirect(result.Value!.TopicUrl + "#event");
        }
        if (result.Failure is Failure.NotFound) return NotFound();
        Message = result.Message ?? "That did not work.";
        if (result.Errors is { Count: > 0 } errors) Message = string.Join(" ", errors.Values.SelectMany(m => m));
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }
}
