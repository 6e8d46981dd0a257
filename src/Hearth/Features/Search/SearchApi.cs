using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Search;

public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/search", async Task<Results<Ok<Page<SearchHit>>, ProblemHttpResult>> (
            string? q, string? type, string? community, string? kind, string? author, string? tag, string? solved,
            string? from, string? to, string? cursor, int? limit, HttpContext http, SearchQueries queries) =>
        {
            if (!ScoreCursor.TryParse(cursor, out _)) return BadCursor();
            var result = await queries.SearchAsync(new SearchRequest(q, type, community, kind, author, tag, solved, from, to, cursor, limit), http.User.UserId());
            return result.OkOrProblem();
        }).WithTags("Search").WithSummary("Search topics, posts and members the caller may see; relevance blended with recency, with highlighted snippets")
          .WithDescription("""
            q: plain words (all required) and "quoted phrases"; query syntax is not interpreted. type: topic, post or member
            (default all). Filters: community (slug), kind (space kind), author (user name), tag, solved (true/false),
            from and to (yyyy-MM-dd, inclusive, or ISO instants). Items: {type, id, title, snippet, url, community, author,
            createdAt, score, topicId, postNumber}; snippet is HTML with <mark> around the hits and everything else escaped.
            Relevance is ranked among the newest 1,000 matches.
            """);

        api.MapGet("/topics/{id:long}/search", async Task<Results<Ok<Page<TopicMatch>>, ProblemHttpResult>> (
            long id, string? q, string? cursor, int? limit, HttpContext http, SearchQueries queries) =>
        {
            if (Page.Decode(cursor) is null) return BadCursor();
            return (await queries.InTopicAsync(id, q, http.User.UserId(), cursor, limit)).OkOrProblem();
        }).WithTags("Search").WithSummary("Search inside one topic: the matching posts, in the order they were written, with snippets");

        api.MapGet("/communities/{slug}/similar", async Task<Results<Ok<Page<SimilarTopic>>, ProblemHttpResult>> (
            string slug, string? title, HttpContext http, SearchQueries queries) =>
            (await queries.SimilarAsync(slug, title, http.User.UserId())).OkOrProblem())
          .WithTags("Search").WithSummary("Up to five topics of the community whose titles resemble a title being typed");

        return api;
    }

    private static ProblemHttpResult BadCursor() =>
        TypedResults.Problem(title: "The cursor is not valid.", statusCode: StatusCodes.Status400BadRequest);
}
