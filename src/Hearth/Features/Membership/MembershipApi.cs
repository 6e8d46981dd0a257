using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Membership;

public static class MembershipApi
{
    public static RouteGroupBuilder MapMembershipApi(this RouteGroupBuilder api)
    {
        var community = api.MapGroup("/communities/{slug}").WithTags("Membership").RequireAuthorization().RequireRateLimiting(RateLimits.Writes);

        community.MapPost("/join", async Task<Results<Ok<JoinOutcome>, ProblemHttpResult>> (string slug, JoinRequest request, HttpContext http, JoinCommunity join) =>
            (await join.HandleAsync(slug, request, http.User.UserId()!.Value)).OkOrProblem())
            .WithSummary("Join (Open) or ask to join (Approval), accepting the current rules version");

        community.MapPost("/leave", async Task<Results<Ok<JoinOutcome>, ProblemHttpResult>> (string slug, HttpContext http, LeaveCommunity leave) =>
            (await leave.HandleAsync(slug, http.User.UserId()!.Value)).OkOrProblem())
            .WithSummary("Leave a community, or withdraw a pending request");

        return api;
    }
}
