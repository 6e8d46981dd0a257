using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Questions;

/// <summary>
/// The Questions routes. Voting on a post or accepting an answer outside a Questions topic is a 409 (the request is
/// well formed; the topic is of another kind); so is voting on the question post itself. Bad values and answers of
/// another topic are 422 with <c>errors</c>.
/// </summary>
public static class QuestionsApi
{
    public static RouteGroupBuilder MapQuestionsApi(this RouteGroupBuilder api)
    {
        var posts = api.MapGroup("/posts").WithTags("Questions");
        posts.MapPost("/{id:long}/vote", async Task<Results<Ok<AnswerVoteView>, ProblemHttpResult>> (
            long id, AnswerVoteRequest request, HttpContext http, VoteOnAnswer vote) =>
            (await vote.HandleAsync(id, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Vote on an answer: value 1 (up), -1 (down) or 0 (take the vote back); one vote per member; not on your own answer");

        var topics = api.MapGroup("/topics").WithTags("Questions");
        topics.MapPost("/{id:long}/accept", async Task<Results<Ok<AcceptedView>, ProblemHttpResult>> (
            long id, AcceptRequest request, HttpContext http, AcceptAnswer accept) =>
            (await accept.HandleAsync(id, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("The asker or a moderator accepts an answer {postId}, replacing any other; {postId: null} takes the acceptance back");

        topics.MapDelete("/{id:long}/accept", async Task<Results<Ok<AcceptedView>, ProblemHttpResult>> (
            long id, HttpContext http, AcceptAnswer accept) =>
            (await accept.HandleAsync(id, AcceptRequest.Unaccept(), http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("The asker or a moderator takes the acceptance back: the question is unsolved again");

        api.MapGet("/communities/{slug}/spaces/{space}/figures", async Task<Results<Ok<QuestionFigures>, ProblemHttpResult>> (
            string slug, string space, HttpContext http, QuestionQueries queries) =>
            (await queries.FiguresAsync(slug, space, http.User.UserId())).OkOrProblem())
            .WithTags("Questions")
            .WithSummary("A Questions space's figures: share solved, median time to first answer and to accepted answer (seconds)");
        return api;
    }
}
