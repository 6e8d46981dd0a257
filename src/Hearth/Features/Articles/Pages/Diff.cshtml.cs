using Hearth.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Articles.Pages;

/// <summary>The line diff of an article's Markdown between two revisions, as a page.</summary>
public sealed class DiffModel(ArticleQueries queries) : PageModel
{
    public DiffView Diff { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, int? from, int? to)
    {
        // "from=abc" fails binding: a malformed address, not a missing revision.
        if (!ModelState.IsValid) return BadRequest();
        var result = await queries.DiffAsync(id, from, to, User.UserId());
        if (!result.Ok) return NotFound();
        Diff = result.Value!;
        return Page();
    }
}
