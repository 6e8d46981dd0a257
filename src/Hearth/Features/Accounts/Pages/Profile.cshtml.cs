using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Accounts.Pages;

public sealed class ProfileModel(UserQueries users, AccessTokens tokens) : PageModel
{
    public ProfileView Profile { get; private set; } = new();
    public bool IsSelf { get; private set; }
    public IReadOnlyList<AccessTokenView> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }

    public async Task<IActionResult> OnGetAsync(string userName)
    {
        if (await users.ProfileAsync(userName) is not { } profile) return NotFound();
        Profile = profile;
        IsSelf = User.UserId() == profile.Id;
        if (IsSelf)
        {
            Tokens = await tokens.ListAsync(profile.Id);
            NewToken = TempData["NewToken"] as string;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string userName, string? tokenName)
    {
        var me = User.UserId();
        if (me is null || await users.ProfileAsync(userName) is not { } profile || profile.Id != me) return NotFound();
        var issued = await tokens.IssueAsync(me.Value, tokenName);
        if (!issued.Ok)
        {
            ModelState.AddModelError("TokenName", issued.Errors?.Values.First().First() ?? issued.Message ?? "Invalid name.");
            return await OnGetAsync(userName);
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
}
