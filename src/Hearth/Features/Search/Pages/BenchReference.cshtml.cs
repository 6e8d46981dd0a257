using Dapper;
using Hearth.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Search.Pages;

/// <summary>
/// The least a page of this site can do — the same pipeline, layout and connection handling as every page, one
/// primary-key query and a two-line template — so bench/RESULTS.md can state each hot path as a fraction of it.
/// Routed only when Hearth:Bench:Enabled is true (see <see cref="SearchSetup"/>).
/// </summary>
public sealed class BenchReferenceModel(Db db) : PageModel
{
    public string Title { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id = 1)
    {
        await using var connection = await db.OpenAsync(HttpContext.RequestAborted);
        var title = await connection.QuerySingleOrDefaultAsync<string>("SELECT title FROM topics WHERE id = @Id", new { Id = id });
        if (title is null) return NotFound();
        Title = title;
        return Page();
    }
}
