using System.Globalization;
using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Articles;

/// <summary>
/// The /api/v1 routes of articles. An article is a topic (start one with POST /communities/{slug}/topics in an Articles
/// space); these routes read and change what makes it an article: its revisions, diffs, reverts, draft state, and the
/// link to the question it was written up from.
/// </summary>
public static class ArticlesApi
{
    public static RouteGroupBuilder MapArticlesApi(this RouteGroupBuilder api)
    {
        var topics = api.MapGroup("/topics/{id:long}").WithTags("Articles");

        topics.MapGet("/article", async Task<Results<Ok<ArticleView>, ProblemHttpResult>> (long id, HttpContext http, ArticleQueries queries) =>
            await queries.ArticleAsync(id, http.User.UserId()) is { } article ? TypedResults.Ok(article) : NotFound("No such article."))
            .WithSummary("An article: its current revision (Markdown and HTML), state, edit policy, contributors and what the viewer may do");

        async Task<Results<Ok<ArticleView>, ProblemHttpResult>> Edit(long id, EditArticleRequest request, HttpContext http, EditArticle edit, ArticleQueries queries)
        {
            var viewer = http.User.UserId()!.Value;
            var result = await edit.HandleAsync(id, request, viewer);
            return result.Ok ? TypedResults.Ok((await queries.ArticleAsync(id, viewer))!) : result.ToProblem();
        }
        const string editSummary = "Edit an article {title?, body, summary, baseRevision}: a new revision; 409 when baseRevision is not the current one";
        topics.MapPut("/article", Edit).RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithSummary(editSummary);
        topics.MapPatch("/article", Edit).RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithSummary(editSummary + " (same as PUT)");

        topics.MapGet("/revisions", async Task<Results<Ok<Page<RevisionSummary>>, ProblemHttpResult>> (
            long id, string? cursor, int? limit, HttpContext http, ArticleQueries queries) =>
        {
            var parts = Page.Decode(cursor);
            int? before = null;
            if (parts is null || parts.Length > 1) return BadRequest("The cursor is not valid.");
            if (parts.Length == 1)
            {
                if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return BadRequest("The cursor is not valid.");
                before = n;
            }
            return await queries.RevisionsAsync(id, http.User.UserId(), before, limit) is { } found
                ? TypedResults.Ok(found.Revisions)
                : NotFound("No such article.");
        }).WithSummary("An article's revisions, newest first, with keyset pagination");

        topics.MapGet("/revisions/{number:int}", async Task<Results<Ok<RevisionView>, ProblemHttpResult>> (
            long id, int number, HttpContext http, ArticleQueries queries) =>
            (await queries.RevisionAsync(id, number, http.User.UserId())).OkOrProblem())
            .WithSummary("One revision of an article: author, time, summary, title and body (Markdown and HTML)");

        topics.MapGet("/diff", async Task<Results<Ok<DiffView>, ProblemHttpResult>> (
            long id, int? from, int? to, HttpContext http, ArticleQueries queries) =>
            (await queries.DiffAsync(id, from, to, http.User.UserId())).OkOrProblem())
            .WithSummary("A line diff of the Markdown between revisions from and to (by default the latest against the one before), as hunks of Context, Added and Removed lines");

        topics.MapPost("/revert", async Task<Results<Ok<ArticleView>, ProblemHttpResult>> (
            long id, RevertArticleRequest request, HttpContext http, RevertArticle revert, ArticleQueries queries) =>
        {
            var viewer = http.User.UserId()!.Value;
            var result = await revert.HandleAsync(id, request, viewer);
            return result.Ok ? TypedResults.Ok((await queries.ArticleAsync(id, viewer))!) : result.ToProblem();
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
          .WithSummary("Revert an article to an earlier revision {revision, summary?}: a new revision with the old content; history is kept");

        topics.MapPost("/publish", async Task<Results<Ok<ArticleView>, ProblemHttpResult>> (
            long id, HttpContext http, PublishArticle publish, ArticleQueries queries) =>
        {
            var viewer = http.User.UserId()!.Value;
            var result = await publish.HandleAsync(id, viewer);
            return result.Ok ? TypedResults.Ok((await queries.ArticleAsync(id, viewer))!) : result.ToProblem();
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
          .WithSummary("Publish a draft article (editors); 409 when it is already published");

        topics.MapPost("/make-article", async Task<Results<Created<ArticleView>, ProblemHttpResult>> (
            long id, MakeArticleRequest? request, HttpContext http, MakeArticle make, ArticleQueries queries) =>
        {
            var viewer = http.User.UserId()!.Value;
            var result = await make.HandleAsync(id, request ?? new MakeArticleRequest(), viewer);
            if (!result.Ok) return result.ToProblem();
            return TypedResults.Created($"/api/v1/topics/{result.Value!.Id}/article", (await queries.ArticleAsync(result.Value.Id, viewer))!);
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
          .WithSummary("Write up a solved question as a draft article {space?} (the asker or a moderator): quotes the question and its accepted answer, credits and notifies their authors; 409 when unsolved or already written up");

        topics.MapGet("/links", async Task<Results<Ok<TopicLinks>, ProblemHttpResult>> (long id, HttpContext http, ArticleQueries queries) =>
            await queries.LinksAsync(id, http.User.UserId()) is { } links ? TypedResults.Ok(links) : NotFound("No such topic."))
            .WithSummary("The question an article was written up from (fromQuestion), and the article a question was written up as (writtenUpAs)");

        var spaces = api.MapGroup("/communities/{slug}/spaces/{space}").WithTags("Articles");

        spaces.MapGet("/settings", async Task<Results<Ok<SpaceSettingsView>, ProblemHttpResult>> (
            string slug, string space, HttpContext http, ArticleQueries queries) =>
        {
            var result = await queries.SpaceSettingsAsync(slug, space, http.User.UserId());
            return result.Ok ? TypedResults.Ok(result.Value.Space) : result.ToProblem();
        }).WithSummary("A space's settings: for Articles spaces, the edit policy (Wiki or Authors)");

        spaces.MapPatch("/settings", async Task<Results<Ok<SpaceSettingsView>, ProblemHttpResult>> (
            string slug, string space, SpaceSettingsRequest request, HttpContext http, SetEditPolicy set) =>
            (await set.HandleAsync(slug, space, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Stewards set an Articles space's edit policy {editPolicy: Wiki | Authors}; new spaces are Wiki");

        return api;
    }

    private static ProblemHttpResult NotFound(string title) => ResultHttp.Problem(Failure.NotFound, title, null);

    private static ProblemHttpResult BadRequest(string title) => TypedResults.Problem(title: title, statusCode: StatusCodes.Status400BadRequest);
}
