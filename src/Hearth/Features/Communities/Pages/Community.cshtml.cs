using Hearth.Features.Accounts;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Hearth.Features.Communities.Pages;

[OutputCache(PolicyName = AnonymousPageCache.Policy)]
public sealed class CommunityModel(CommunityQueries queries) : PageModel
{
    public CommunityView Community { get; private set; } = new();
    public bool MayRead { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await queries.GetAsync(slug, User.UserId()) is not { } community) return NotFound();
        Community = community;
        MayRead = community.Visibility == nameof(Visibility.Public) || community.Viewer.State == nameof(MembershipState.Active);
        return Page();
    }
}
