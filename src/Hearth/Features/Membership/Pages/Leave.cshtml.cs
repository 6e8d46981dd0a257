using Hearth.Features.Accounts;
using Hearth.Features.Communities;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Membership.Pages;

/// <summary>GET asks to confirm; only the POST leaves (or withdraws a pending request).</summary>
[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class LeaveModel(CommunityQueries queries, LeaveCommunity leave) : PageModel
{
    public CommunityView Community { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await queries.GetAsync(slug, User.UserId()) is not { } community) return NotFound();
        Community = community;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await queries.GetAsync(slug, User.UserId()) is not { } community) return NotFound();
        Community = community;
        var result = await leave.HandleAsync(slug, User.UserId()!.Value);
        if (!result.Ok)
        {
            if (result.Failure == Failure.NotFound) return NotFound();
            ModelState.AddProblem(result);
            return Page();
        }
        TempData["Flash"] = result.Value!.State == nameof(MembershipState.Left)
            ? $"You have left {community.Name}."
            : "Your request is withdrawn.";
        // A withdrawn request to a Private community leaves nothing the person may see there.
        return Redirect(await queries.GetAsync(slug, User.UserId()) is null ? "/" : $"/c/{community.Slug}");
    }
}
