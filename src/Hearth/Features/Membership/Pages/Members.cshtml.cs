using Hearth.Features.Accounts;
using Hearth.Features.Communities;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Membership.Pages;

/// <summary>
/// The member list (for whoever may read the community), with the stewards' and moderators' tools:
/// roles (stewards), invitations and the request queue (stewards and moderators).
/// </summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class MembersModel(
    CommunityQueries queries, MembershipQueries membership, ChangeRole changeRole, DecideRequest decide, InviteMember invite) : PageModel
{
    public const int PageSize = 50;

    public CommunityView Community { get; private set; } = new();
    public Page<MemberView> Members { get; private set; } = Hearth.Platform.Web.Page.Of<MemberView>([]);
    public Page<PendingRequest> Requests { get; private set; } = Hearth.Platform.Web.Page.Of<PendingRequest>([]);
    public bool MayChangeRoles => Community.Viewer is { State: "Active", Role: "Steward" };
    public bool MayAdmit => Community.Viewer is { State: "Active", Role: "Steward" or "Moderator" };
    public string? InviteUserName { get; private set; }
    public string? InviteEmail { get; private set; }

    /// <summary>Set only on the response to the invite form: the link is shown this once.</summary>
    public string? InvitationUrl { get; private set; }

    /// <summary>The directory's search and order, kept in the form and in the "more" link.</summary>
    public string Q { get; private set; } = "";
    public string Sort { get; private set; } = "joined";

    public async Task<IActionResult> OnGetAsync(string slug, string? q, string? sort, string? cursor)
    {
        if (await LoadAsync(slug) is { } missing) return missing;
        Q = q?.Trim() ?? "";
        Sort = string.IsNullOrWhiteSpace(sort) ? "joined" : sort.Trim().ToLowerInvariant();
        var members = await membership.MembersAsync(Community.Id, Q, Sort, cursor, PageSize);
        if (!members.Ok) return BadRequest();
        Members = members.Value!;
        return Page();
    }

    private async Task<Page<MemberView>> FirstPageAsync() =>
        (await membership.MembersAsync(Community.Id, null, null, null, PageSize)).Value ?? Members;

    public Task<IActionResult> OnPostRoleAsync(string slug, string? userName, string? role) =>
        ActAsync(slug, async viewer =>
        {
            var result = await changeRole.HandleAsync(slug, userName ?? "", new ChangeRoleRequest(role), viewer);
            if (!result.Ok) return Fail(result);
            return result.Value!.Pending is { } pending
                ? $"Asked a second steward to confirm {pending.UserName} becoming a {pending.ToRole.ToLowerInvariant()}."
                : $"{result.Value.Member.UserName} is now a {result.Value.Member.Role.ToLowerInvariant()}.";
        });

    public Task<IActionResult> OnPostApproveAsync(string slug, long id) =>
        ActAsync(slug, async viewer =>
        {
            var result = await decide.HandleAsync(slug, id, Decision.Approve, viewer);
            return result.Ok ? $"{result.Value!.UserName} is now a member." : Fail(result);
        });

    public Task<IActionResult> OnPostDeclineAsync(string slug, long id) =>
        ActAsync(slug, async viewer =>
        {
            var result = await decide.HandleAsync(slug, id, Decision.Decline, viewer);
            return result.Ok ? $"The request from {result.Value!.UserName} is declined." : Fail(result);
        });

    public async Task<IActionResult> OnPostInviteAsync(string slug, string? userName, string? email)
    {
        if (User.UserId() is not { } viewer) return Challenge();
        if (await LoadAsync(slug) is { } missing) return missing;
        var result = await invite.HandleAsync(slug, new InviteRequest(userName, email), viewer);
        if (result.Failure is Failure.NotFound or Failure.Forbidden) return NotFound();
        if (result.Ok)
        {
            InvitationUrl = $"{Request.Scheme}://{Request.Host}{result.Value!.Url}";
        }
        else
        {
            ModelState.AddProblem(result, "Invite.");
            InviteUserName = userName;
            InviteEmail = email;
        }
        Members = await FirstPageAsync();
        return Page();
    }

    /// <summary>Runs a steward's or moderator's action; success redirects with a flash, failure shows the page with the reason.</summary>
    private async Task<IActionResult> ActAsync(string slug, Func<long, Task<string?>> act)
    {
        if (User.UserId() is not { } viewer) return Challenge();
        if (await LoadAsync(slug) is { } missing) return missing;
        if (!MayAdmit) return NotFound();
        if (await act(viewer) is { } flash)
        {
            TempData["Flash"] = flash;
            return Redirect($"/c/{Community.Slug}/members");
        }
        // The action may have failed because the viewer's own role changed meanwhile; show them what they may see now.
        if (await LoadAsync(slug) is { } gone) return gone;
        Members = await FirstPageAsync();
        return Page();
    }

    private string? Fail<T>(Result<T> result)
    {
        var message = result.Errors is { Count: > 0 } errors ? errors.Values.First().First() : result.Message;
        ModelState.AddModelError("", message ?? "That did not work.");
        return null;
    }

    /// <summary>Private and Restricted member lists are for active members; anyone else finds nothing here.</summary>
    private async Task<IActionResult?> LoadAsync(string slug)
    {
        if (await queries.GetAsync(slug, User.UserId()) is not { } community
            || (community.Visibility != nameof(Visibility.Public) && community.Viewer.State != nameof(MembershipState.Active))) return NotFound();
        Community = community;
        if (MayAdmit) Requests = await membership.RequestsAsync(community.Id, null, Hearth.Platform.Web.Page.MaxLimit) ?? Requests;
        return null;
    }
}
