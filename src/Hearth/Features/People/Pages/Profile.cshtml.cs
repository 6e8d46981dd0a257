using Hearth.Features.Accounts;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.People.Pages;

/// <summary>
/// A member's profile: who they are, what they know, and what they wrote where the viewer may read it; the viewer's
/// follow and block buttons; and, on one's own profile, the personal access tokens.
/// </summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class ProfileModel(PeopleQueries people, AccessTokens tokens, FollowMember follow, BlockMember block) : PageModel
{
    public const int ActivityPageSize = 20;

    public MemberProfile Profile { get; private set; } = new();
    public Page<ActivityItem> Activity { get; private set; } = Hearth.Platform.Web.Page.Of<ActivityItem>([]);
    public string Kind { get; private set; } = "";
    public bool IsSelf => Profile.Viewer.IsSelf;
    public bool SignedIn => User.UserId() is not null;
    public IReadOnlyList<AccessTokenView> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }

    public async Task<IActionResult> OnGetAsync(string userName, string? kind, string? cursor)
    {
        if (await people.ProfileAsync(userName, User.UserId()) is not { } profile) return NotFound();
        Profile = profile;
        Kind = kind ?? "";
        var activity = await people.ActivityAsync(userName, User.UserId(), kind, cursor, ActivityPageSize);
        if (!activity.Ok) return BadRequest();
        Activity = activity.Value!;
        if (IsSelf)
        {
            Tokens = await tokens.ListAsync(profile.Id);
            NewToken = TempData["NewToken"] as string;
        }
        return Page();
    }

    public Task<IActionResult> OnPostFollowAsync(string userName) => RelateAsync(userName, me => follow.HandleAsync(userName, me, follow: true), "You follow {0}.");

    public Task<IActionResult> OnPostUnfollowAsync(string userName) => RelateAsync(userName, me => follow.HandleAsync(userName, me, follow: false), "You no longer follow {0}.");

    public Task<IActionResult> OnPostBlockAsync(string userName) => RelateAsync(userName, me => block.HandleAsync(userName, me, block: true), "You blocked {0}.");

    public Task<IActionResult> OnPostUnblockAsync(string userName) => RelateAsync(userName, me => block.HandleAsync(userName, me, block: false), "You unblocked {0}.");

    public async Task<IActionResult> OnPostCreateAsync(string userName, string? tokenName)
    {
        var me = User.UserId();
        if (me is null || await people.ProfileAsync(userName, me) is not { } profile || profile.Id != me) return NotFound();
        var issued = await tokens.IssueAsync(me.Value, tokenName);
        if (!issued.Ok)
        {
            ModelState.AddModelError("TokenName", issued.Errors?.Values.First().First() ?? issued.Message ?? "Invalid name.");
            return await OnGetAsync(userName, null, null);
        }
        TempData["NewToken"] = issued.Value!.Token;
        return RedirectToPage(new { userName });
    }

    public async Task<IActionResult> OnPostRevokeAsync(string userName, long tokenId)
    {
        var me = User.UserId();
        if (me is null) return Challenge();
        await tokens.RevokeAsync(me.Value, tokenId);
        TempData["Flash"] = "Token revoked.";
        return RedirectToPage(new { userName });
    }

    private async Task<IActionResult> RelateAsync<T>(string userName, Func<long, Task<Platform.Results.Result<T>>> act, string done)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await act(me);
        if (result.Failure == Platform.Results.Failure.NotFound) return NotFound();
        TempData["Flash"] = result.Ok ? string.Format(System.Globalization.CultureInfo.InvariantCulture, done, userName) : Questions.Refusals.Describe(result);
        return RedirectToPage(new { userName });
    }
}
