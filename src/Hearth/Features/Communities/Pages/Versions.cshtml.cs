using Hearth.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Communities.Pages;

public sealed class VersionsModel(CommunityQueries queries) : PageModel
{
    public CommunityView Community { get; private set; } = new();
    public IReadOnlyList<CharterVersion> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await queries.GetAsync(slug, User.UserId()) is not { } community) return NotFound();
        Community = community;
        Versions = await queries.VersionsAsync(community.Id);
        return Page();
    }
}
