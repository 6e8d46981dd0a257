using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Communities;

public static class CommunitiesApi
{
    public static RouteGroupBuilder MapCommunitiesApi(this RouteGroupBuilder api)
    {
        var communities = api.MapGroup("/communities").WithTags("Communities");

        communities.MapGet("/", async Task<Results<Ok<Page<CommunitySummary>>, ProblemHttpResult>> (
            string? q, string? kind, string? cursor, int? limit, HttpContext http, CommunityQueries queries) =>
            await queries.DirectoryAsync(http.User.UserId(), q, kind, cursor, limit) is { } page
                ? TypedResults.Ok(page)
                : BadCursor()).WithSummary("Communities the caller may see, by name");

        communities.MapPost("/", async Task<Results<Created<CommunityView>, ProblemHttpResult>> (
            CreateCommunityRequest request, HttpContext http, CreateCommunity create, CommunityQueries queries) =>
        {
            var result = await create.HandleAsync(request, http.User.UserId()!.Value);
            if (!result.Ok) return result.ToProblem();
            var view = await queries.GetAsync(result.Value!.Slug, http.User.UserId());
            return TypedResults.Created($"/api/v1/communities/{result.Value.Slug}", view!);
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithSummary("Found a community; the caller becomes its first steward");

        communities.MapGet("/{slug}", async Task<Results<Ok<CommunityView>, ProblemHttpResult>> (string slug, HttpContext http, CommunityQueries queries) =>
            await queries.GetAsync(slug, http.User.UserId()) is { } view ? TypedResults.Ok(view) : NotFound())
            .WithSummary("One community with its charter and the caller's relation to it");

        communities.MapPatch("/{slug}", async Task<Results<Ok<CommunityView>, ProblemHttpResult>> (
            string slug, EditCommunityRequest request, HttpContext http, EditCommunity edit, CommunityQueries queries) =>
        {
            var result = await edit.HandleAsync(slug, request, http.User.UserId()!.Value);
            return result.Ok ? TypedResults.Ok((await queries.GetAsync(slug, http.User.UserId()))!) : result.ToProblem();
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithSummary("Stewards edit; a charter change makes a new version");

        communities.MapGet("/{slug}/versions", async Task<Results<Ok<Page<CharterVersion>>, ProblemHttpResult>> (
            string slug, HttpContext http, CommunityQueries queries) =>
            await queries.GetAsync(slug, http.User.UserId()) is { } view
                ? TypedResults.Ok(Page.Of(await queries.VersionsAsync(view.Id)))
                : NotFound()).WithSummary("Every version of the charter, newest first");

        return api;
    }

    internal static ProblemHttpResult NotFound() => ResultHttp.Problem(Failure.NotFound, "No such community.", null);

    internal static ProblemHttpResult BadCursor() =>
        TypedResults.Problem(title: "The cursor is not valid.", statusCode: StatusCodes.Status400BadRequest);
}
