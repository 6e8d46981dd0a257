using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Membership.Pages;

/// <summary>
/// The page an invitation link opens: the community's purpose and rules, and the invitee's accept form.
/// Anyone holding the link may read it; only the person it names may accept it.
/// </summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class InvitationModel(MembershipQueries queries, AcceptInvitation accept) : PageModel
{
    [BindProperty] public int? AcceptRulesVersion { get; set; }
    [BindProperty] public bool AcceptRules { get; set; }
    public string Token { get; private set; } = "";
    public InvitationView Invitation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (await queries.InvitationAsync(token) is not { } invitation) return NotFound();
        (Token, Invitation) = (token, invitation);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (await queries.InvitationAsync(token) is not { } invitation) return NotFound();
        (Token, Invitation) = (token, invitation);
        if (User.UserId() is not { } viewer) return Challenge();
        if (!AcceptRules)
        {
            ModelState.AddModelError(nameof(AcceptRules), "Tick the box to accept the rules.");
            return Page();
        }
        var result = await accept.HandleAsync(token, new AcceptInvitationRequest(AcceptRulesVersion), viewer);
        if (!result.Ok)
        {
            // The link is in the person's hands already, so the page may say why rather than pretend it is not there.
            if (result.Failure == Failure.NotFound)
                ModelState.AddModelError("", "This invitation was sent to someone else: sign in with the account or e-mail address it was sent to.");
            else
                ModelState.AddProblem(result);
            Invitation = await queries.InvitationAsync(token) ?? invitation;
            return Page();
        }
        TempData["Flash"] = $"Welcome to {invitation.Community.Name}!";
        return Redirect($"/c/{invitation.Community.Slug}");
    }
}
