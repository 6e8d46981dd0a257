using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Articles.Pages;

/// <summary>The article page's Publish button posts here; a refusal is shown as a short message.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class PublishModel(PublishArticle publish) : PageModel
{
    public string Message { get; private set; } = "";
    public string Back { get; private set; } = "/";

    public IActionResult OnGet(long id) => Redirect($"/t/{id}");

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await publish.HandleAsync(id, me);
        if (result.Ok)
        {
            TempData["Flash"] = "Published.";
            return Redirect(result.Value!.Url);
        }
        if (result.Failure is Failure.NotFound) return NotFound();
        (Message, Back) = (result.Message ?? "That did not work.", $"/t/{id}");
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }
}
