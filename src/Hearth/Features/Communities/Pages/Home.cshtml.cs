using Hearth.Features.Accounts;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Hearth.Features.Communities.Pages;

[OutputCache(PolicyName = AnonymousPageCache.Policy)]
public sealed class HomeModel(CommunityQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<CommunitySummary> Mine { get; private set; } = [];
    public Page<CommunitySummary> Directory { get; private set; } = Hearth.Platform.Web.Page.Of<CommunitySummary>([]);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Kind is not (null or "" or "Interest" or "Practice")) Kind = null;
        var viewer = User.UserId();
        if (viewer is { } id && string.IsNullOrEmpty(Cursor)) Mine = await queries.MineAsync(id);
        var page = await queries.DirectoryAsync(viewer, Q, Kind, Cursor, 30);
        if (page is null) return BadRequest();
        Directory = page;
        return Page();
    }
}
