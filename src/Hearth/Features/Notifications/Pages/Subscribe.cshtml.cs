using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Notifications.Pages;

/// <summary>Where the follow controls on topic, space and community pages post; back to the page on success.</summary>
[Authorize]
public sealed class SubscribeModel(SetSubscription set) : PageModel
{
    public IActionResult OnGet() => NotFound();

    [EnableRateLimiting(RateLimits.Writes)]
    public async Task<IActionResult> OnPostAsync(string? community, string? space, long? topic, string? level, string? returnUrl)
    {
        var result = await set.HandleAsync(new SubscriptionRequest(community, space, topic, level), User.UserId()!.Value);
        if (result.Ok)
        {
            TempData["Flash"] = $"Following this {result.Value!.Scope}: {result.Value.Level}.";
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
        }
        if (result.Failure == Platform.Results.Failure.NotFound) return NotFound();
        ModelState.AddProblem(result);
        Response.StatusCode = result.Failure == Platform.Results.Failure.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
