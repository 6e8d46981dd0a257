using Hearth.Features.Accounts;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Conversation.Pages;

/// <summary>"Mark all read" posts here and goes back to where it was pressed.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class MarkReadModel(RecordRead read) : PageModel
{
    public IActionResult OnGet(string slug) => Redirect($"/c/{slug}");

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await read.AllAsync(slug, me);
        if (!result.Ok) return NotFound();
        TempData["Flash"] = "Every topic is marked read.";
        // Back to the page the button was on, when it is one of ours.
        var back = Request.Headers.Referer.ToString();
        return LocalRedirect(Uri.TryCreate(back, UriKind.Absolute, out var uri) && uri.Host == Request.Host.Host ? uri.PathAndQuery : $"/c/{slug}");
    }
}
