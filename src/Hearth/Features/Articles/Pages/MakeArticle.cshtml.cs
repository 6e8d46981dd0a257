using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Articles.Pages;

/// <summary>The "Make an article" button of a solved question posts here, and lands on the new draft.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class MakeArticleModel(MakeArticle make) : PageModel
{
    [BindProperty] public string? Space { get; set; }

    public string Message { get; private set; } = "";
    public string Back { get; private set; } = "/";

    public IActionResult OnGet(long id) => Redirect($"/t/{id}");

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await make.HandleAsync(id, new MakeArticleRequest(Space), me);
        if (result.Ok)
        {
            TempData["Flash"] = "A draft article was written from the question; edit it, then publish it.";
            return Redirect(result.Value!.Url);
        }
        if (result.Failure is Failure.NotFound) return NotFound();
        Message = result.Errors is { Count: > 0 } errors ? string.Join(" ", errors.SelectMany(e => e.Value)) : result.Message ?? "That did not work.";
        Back = $"/t/{id}";
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }
}
