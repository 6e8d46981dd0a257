using System.Globalization;
using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Articles.Pages;

/// <summary>Every revision of an article, newest first, with links to their diffs; editors revert from here.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class HistoryModel(ArticleQueries queries, RevertArticle revert) : PageModel
{
    private const int PageSize = 50;

    [BindProperty] public int? Revision { get; set; }
    [BindProperty] public string? Summary { get; set; }

    public ArticleHeader Article { get; private set; } = new();
    public Page<RevisionSummary> Revisions { get; private set; } = Hearth.Platform.Web.Page.Of<RevisionSummary>([]);
    public string? Cursor { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? cursor) => await LoadAsync(id, cursor) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await revert.HandleAsync(id, new RevertArticleRequest(Revision, Summary), me);
        if (result.Ok)
        {
            TempData["Flash"] = $"Reverted to revision {Revision}: saved as revision {result.Value!.Revision}.";
            return Redirect($"/t/{id}/article/history");
        }
        // A hidden article answers 404 here; an unknown revision of a visible one is shown as a message.
        if (await LoadAsync(id, null) is { } missing) return missing;
        Error = result.Errors is { Count: > 0 } errors ? string.Join(" ", errors.SelectMany(e => e.Value)) : result.Message;
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, string? cursor)
    {
        var parts = Hearth.Platform.Web.Page.Decode(cursor);
        int? before = null;
        if (parts is null || parts.Length > 1) return BadRequest();
        if (parts.Length == 1)
        {
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return BadRequest();
            before = n;
        }
        if (await queries.RevisionsAsync(id, User.UserId(), before, PageSize) is not { } found) return NotFound();
        (Article, Revisions) = found;
        Cursor = before is null ? null : cursor;
        return null;
    }
}
