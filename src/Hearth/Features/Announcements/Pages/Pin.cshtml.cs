using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Announcements.Pages;

/// <summary>The topic page's pin / unpin button posts here; the answer goes back to the topic.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class PinModel(PinTopic pin) : PageModel
{
    [BindProperty] public bool? Pinned { get; set; }

    public IActionResult OnGet(long id) => Redirect($"/t/{id}");

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await pin.HandleAsync(id, new PinRequest(Pinned), me);
        if (result.Failure is Failure.NotFound) return NotFound();
        if (result.Failure is Failure.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        TempData["Flash"] = result.Ok ? (result.Value!.Pinned ? "Topic pinned." : "Topic unpinned.") : result.Message;
        return Redirect($"/t/{id}");
    }
}
