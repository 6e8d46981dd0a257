using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Discussions;

public static class DiscussionsApi
{
    public static RouteGroupBuilder MapDiscussionsApi(this RouteGroupBuilder api)
    {
        var community = api.MapGroup("/communities/{slug}").WithTags("Discussions");

        community.MapGet("/spaces", async Task<Results<Ok<Page<SpaceView>>, ProblemHttpResult>> (string slug, HttpContext http, TopicQueries queries) =>
        {
            var spaces = await queries.SpacesAsync(slug, http.User.UserId());
            return spaces.Ok ? TypedResults.Ok(Page.Of(spaces.Value!.Spaces)) : spaces.ToProblem();
        }).WithSummary("The spaces of a community, in their order");

        community.MapPost("/spaces", async Task<Results<Created<SpaceView>, ProblemHttpResult>> (
            string slug, AddSpaceRequest request, HttpContext http, AddSpace add) =>
        {
            var result = await add.HandleAsync(slug, request, http.User.UserId()!.Value);
            return result.Ok ? TypedResults.Created($"/api/v1/communities/{slug}/topics?space={result.Value!.Slug}", result.Value) : result.ToProblem();
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
          .WithSummary("Stewards add a space: Discussion, Questions, Ideas, Announcements, Articles or Events");

        community.MapGet("/topics", async Task<Results<Ok<Page<TopicSummary>>, ProblemHttpResult>> (
            string slug, string? space, string? sort, string? period, string? tag, string? filter, string? status, string? cursor, int? limit, HttpContext http, TopicQueries queries,
            Questions.QuestionQueries questions, Ideas.IdeaQueries ideas) =>
        {
            // Questions spaces filter by unanswered|unsolved|solved; Ideas spaces sort by votes or newest and filter by status.
            if (filter is not null) return KindList(await questions.ListAsync(slug, space, filter, sort, http.User.UserId(), cursor, limit));
            if (status is not null || sort is "votes" or "newest") return KindList(await ideas.ListAsync(slug, space, sort, status, http.User.UserId(), cursor, limit));
            if (TopicSort.Parse(sort, period) is not { } order)
                return BadRequest("Sort must be latest, top (with period=day|week|month|year|all) or unanswered (or, in an Ideas space, newest or votes).");
            if (!TopicCursor.TryParse(cursor, out var after)) return BadCursor();
            var listing = await queries.ListAsync(slug, string.IsNullOrWhiteSpace(space) ? null : space, http.User.UserId(), after, limit,
                string.IsNullOrWhiteSpace(tag) ? null : tag, order);
            // An Ideas space keeps its own sorts (votes, newest, latest).
            if (listing.Ok && listing.Value!.Space?.Kind == nameof(SpaceKind.Ideas) && order.By != TopicSort.LatestName)
                return BadRequest("Sort must be latest (or, in an Ideas space, newest or votes).");
            return listing.Ok ? TypedResults.Ok(listing.Value!.Topics) : listing.ToProblem();
        }).CacheOutput(AnonymousPageCache.Policy).WithSummary("A community's topics (or one space's), latest activity first, with keyset pagination; sort=latest|top|unanswered (top takes period=day|week|month|year|all), tag= keeps one tag's topics; signed-in viewers get unread and new; Questions spaces take filter=unanswered|unsolved|solved, Ideas spaces sort=votes|newest|latest and status=");

        community.MapPost("/topics", async Task<Results<Created<TopicView>, ProblemHttpResult>> (
            string slug, CreateTopicRequest request, HttpContext http, CreateTopic create, TopicQueries queries) =>
        {
            var viewer = http.User.UserId()!.Value;
            var result = await create.HandleAsync(slug, request, viewer);
            if (!result.Ok) return result.ToProblem();
            var topic = await queries.TopicAsync(result.Value!.Id, viewer);
            return TypedResults.Created($"/api/v1/topics/{result.Value.Id}", topic!);
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
          .WithSummary("Start a topic (space by slug; by default the Discussion space) with its first post in Markdown");

        var topics = api.MapGroup("/topics").WithTags("Discussions");

        topics.MapGet("/{id:long}", async Task<Results<Ok<TopicView>, ProblemHttpResult>> (
            long id, string? cursor, int? limit, HttpContext http, TopicQueries queries, Announcements.MarkSeen seen, Conversation.RecordRead read) =>
        {
            if (!PostCursor.TryParse(cursor, out var after)) return BadCursor();
            if (await queries.TopicAsync(id, http.User.UserId(), after, limit) is not { } topic) return NoSuchTopic();
            return TypedResults.Ok(await read.HandleAsync(await seen.HandleAsync(topic, http.User.UserId()), http.User.UserId()));
        }).CacheOutput(AnonymousPageCache.Policy).WithSummary("A topic with one page of its posts, by post number (each post with its state, reactions and whether it was edited); records the signed-in viewer's read position");

        topics.MapPost("/{id:long}/posts", async Task<Results<Created<ReplyView>, ProblemHttpResult>> (
            long id, ReplyRequest request, HttpContext http, ReplyToTopic reply) =>
        {
            var result = await reply.HandleAsync(id, request, http.User.UserId()!.Value);
            return result.Ok ? TypedResults.Created(result.Value!.Url, result.Value) : result.ToProblem();
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
          .WithSummary("Reply to a topic, optionally to one of its posts (replyTo)");

        return api;
    }

    /// <summary>A kind's list: a list that cannot be made from the query string is a 400, like a bad sort or cursor.</summary>
    private static Results<Ok<Page<TopicSummary>>, ProblemHttpResult> KindList(Result<TopicListing> listing) =>
        listing.Ok ? TypedResults.Ok(listing.Value!.Topics)
        : listing.Failure == Failure.Invalid ? TypedResults.Problem(title: listing.Errors?.Values.SelectMany(e => e).FirstOrDefault() ?? listing.Message,
            statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["errors"] = listing.Errors })
        : listing.ToProblem();

    private static ProblemHttpResult NoSuchTopic() => ResultHttp.Problem(Failure.NotFound, "No such topic.", null);

    private static ProblemHttpResult BadCursor() => BadRequest("The cursor is not valid.");

    private static ProblemHttpResult BadRequest(string title) => TypedResults.Problem(title: title, statusCode: StatusCodes.Status400BadRequest);
}
