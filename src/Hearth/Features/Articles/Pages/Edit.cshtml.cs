using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Articles.Pages;

/// <summary>
/// The edit form of an article. It carries the revision it was loaded at; when someone else saved since, the form
/// comes back with the editor's text, a link to what changed, and the newer revision as its base.
/// </summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class EditModel(ArticleQueries queries, EditArticle edit) : PageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public int? BaseRevision { get; set; }

    public ArticleView Article { get; private set; } = new();
    /// <summary>Set after a conflict: the revision the editor had started from.</summary>
    public int? ConflictFrom { get; private set; }
    public string? ConflictMessage { get; private set; }
    /// <summary>Set when the viewer may read the article but not edit it.</summary>
    public string? WhyNot { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await queries.ArticleAsync(id, User.UserId()) is not { } article) return NotFound();
        if (User.UserId() is null) return Challenge();
        Article = article;
        if (!article.Viewer.MayEdit) return Refused(ArticlePermissions.WhyNotEdit(article.Header.Access, article.EditPolicy, article.Header.Locked, signedIn: true));
        Title = article.Title;
        Body = article.Body;
        BaseRevision = article.Revision;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await edit.HandleAsync(id, new EditArticleRequest(Title, Body, Summary, BaseRevision), me);
        if (result.Ok)
        {
            TempData["Flash"] = $"Saved as revision {result.Value!.Revision}.";
            return Redirect(result.Value.Url);
        }
        if (result.Failure is Failure.NotFound || await queries.ArticleAsync(id, me) is not { } article) return NotFound();
        Article = article;
        switch (result.Failure)
        {
            case Failure.Forbidden:
                return Refused(result.Message ?? "You may not edit this article.");
            case Failure.Conflict:
                // The editor's text stays in the form; saving again now builds on the latest revision, knowingly.
                ConflictFrom = BaseRevision;
                ConflictMessage = result.Message;
                BaseRevision = article.Revision;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                ModelState.AddProblem(result);
                return Page();
        }
    }

    private PageResult Refused(string why)
    {
        WhyNot = why;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
