using Hearth.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Articles.Pages;

/// <summary>One revision of an article as it read then, with its place in the history and, for editors, a revert.</summary>
public sealed class RevisionModel(ArticleQueries queries) : PageModel
{
    public RevisionView Revision { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, int number)
    {
        var result = await queries.RevisionAsync(id, number, User.UserId());
        if (!result.Ok) return NotFound();
        Revision = result.Value!;
        return Page();
    }
}
