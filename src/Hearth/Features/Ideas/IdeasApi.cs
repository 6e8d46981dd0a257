using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Ideas;

/// <summary>
/// The Ideas routes. Voting for, or changing the status of, a topic that is not an idea is a 409; a bad value,
/// unknown status or missing note is a 422 with <c>errors</c>. Lists are on GET /communities/{slug}/topics
/// (<c>?space=&amp;sort=votes|newest|latest&amp;status=</c>).
/// </summary>
public static class IdeasApi
{
    public static RouteGroupBuilder MapIdeasApi(this RouteGroupBuilder api)
    {
        var topics = api.MapGroup("/topics").WithTags("Ideas");
        topics.MapPost("/{id:long}/vote", async Task<Results<Ok<IdeaVoteView>, ProblemHttpResult>> (
            long id, IdeaVoteRequest request, HttpContext http, VoteForIdea vote) =>
            (await vote.HandleAsync(id, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Vote for an idea (value 1) or take the vote back (0); one vote per member");

        topics.MapPost("/{id:long}/status", async Task<Results<Ok<StatusChangedView>, ProblemHttpResult>> (
            long id, ChangeStatusRequest request, HttpContext http, ChangeIdeaStatus change) =>
            (await change.HandleAsync(id, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Moderators and stewards move an idea to New, UnderReview, Planned, InProgress, Done or Declined, with a note (1–2000 characters); the author and voters are notified");
        return api;
    }
}
