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

[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class JoinModel(CommunityQueries queries, JoinCommunity join) : PageModel
{
    [BindProperty] public int? AcceptRulesVersion { get; set; }
    [BindProperty] public bool AcceptRules { get; set; }
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
        if (!AcceptRules)
        {
            ModelState.AddModelError(nameof(AcceptRules), "Tick the box to accept the rules.");
            return Page();
        }
        var result = await join.HandleAsync(slug, new JoinRequest(AcceptRulesVersion), User.UserId()!.Value);
        if (!result.Ok)
        {
            if (result.Failure == Failure.NotFound) return NotFound();
            ModelState.AddProblem(result);
            return Page();
        }
        TempData["Flash"] = result.Value!.State == nameof(MembershipState.Active)
            ? $"Welcome to {community.Name}!"
            : "Your request is waiting for a steward.";
        return Redirect($"/c/{community.Slug}");
    }
}
