using Hearth.Features.Accounts;
using Hearth.Features.Communities;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Membership;

public static class MembershipApi
{
    public static RouteGroupBuilder MapMembershipApi(this RouteGroupBuilder api)
    {
        var community = api.MapGroup("/communities/{slug}").WithTags("Membership");

        community.MapPost("/join", async Task<Results<Ok<JoinOutcome>, ProblemHttpResult>> (string slug, JoinRequest request, HttpContext http, JoinCommunity join) =>
            (await join.HandleAsync(slug, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Join (Open) or ask to join (Approval), accepting the current rules version");

        community.MapPost("/leave", async Task<Results<Ok<JoinOutcome>, ProblemHttpResult>> (string slug, HttpContext http, LeaveCommunity leave) =>
            (await leave.HandleAsync(slug, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Leave a community, or withdraw a pending request");

        community.MapGet("/members", async Task<Results<Ok<Page<MemberView>>, ProblemHttpResult>> (
            string slug, string? q, string? sort, string? cursor, int? limit, HttpContext http, CommunityAccessQuery access, MembershipQueries queries) =>
        {
            if (await access.BySlugAsync(slug, http.User.UserId()) is not { } c || !MembershipPermissions.MaySeeMembers(c)) return CommunitiesApi.NotFound();
            var page = await queries.MembersAsync(c.Id, q, sort, cursor, limit);
            return page.Ok ? TypedResults.Ok(page.Value!)
                : TypedResults.Problem(title: page.Errors?.Values.SelectMany(e => e).FirstOrDefault() ?? page.Message,
                    statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["errors"] = page.Errors });
        }).WithSummary("Active members with their roles, skills and post counts; q searches user name, display name and skills; " +
            "sort=joined (longest-standing first, default)|newest|active|name (members only unless the community is Public)");

        community.MapPut("/members/{userName}/role", async Task<Results<Ok<MemberView>, Accepted<Governance.StewardChangeView>, ProblemHttpResult>> (
            string slug, string userName, ChangeRoleRequest request, HttpContext http, ChangeRole change) =>
        {
            var result = await change.HandleAsync(slug, userName, request, http.User.UserId()!.Value);
            if (!result.Ok) return result.ToProblem();
            return result.Value!.Pending is { } pending
                ? TypedResults.Accepted($"/api/v1/communities/{pending.CommunitySlug}/steward-changes/{pending.Id}", pending)
                : TypedResults.Ok(result.Value.Member);
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Stewards set an active member's role: Member, Moderator or Steward (the last steward stays); " +
                "202 with the pending change when a second steward must confirm a change of stewardship");

        community.MapGet("/requests", async Task<Results<Ok<Page<PendingRequest>>, ProblemHttpResult>> (
            string slug, string? cursor, int? limit, HttpContext http, CommunityAccessQuery access, MembershipQueries queries) =>
        {
            // The queue is the stewards' and moderators' business; to anyone else it is not there.
            if (await access.BySlugAsync(slug, http.User.UserId()) is not { } c || !MembershipPermissions.MayAdmit(c)) return CommunitiesApi.NotFound();
            return await queries.RequestsAsync(c.Id, cursor, limit) is { } page ? TypedResults.Ok(page) : CommunitiesApi.BadCursor();
        }).RequireAuthorization().WithSummary("Pending requests to join, oldest first (stewards and moderators)");

        community.MapPost("/requests/{id:long}/approve", async Task<Results<Ok<RequestDecision>, ProblemHttpResult>> (
            string slug, long id, HttpContext http, DecideRequest decide) =>
            (await decide.HandleAsync(slug, id, Decision.Approve, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Approve a request to join: the requester becomes an active member (stewards and moderators)");

        community.MapPost("/requests/{id:long}/decline", async Task<Results<Ok<RequestDecision>, ProblemHttpResult>> (
            string slug, long id, HttpContext http, DecideRequest decide) =>
            (await decide.HandleAsync(slug, id, Decision.Decline, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Decline a request to join (stewards and moderators)");

        community.MapPost("/invitations", async Task<Results<Created<CreatedInvitation>, ProblemHttpResult>> (
            string slug, InviteRequest request, HttpContext http, InviteMember invite) =>
        {
            var result = await invite.HandleAsync(slug, request, http.User.UserId()!.Value);
            return result.Ok ? TypedResults.Created(result.Value!.Url, result.Value) : result.ToProblem();
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Invite one person by user name or e-mail; the single-use link (valid 14 days) is shown once");

        var invitations = api.MapGroup("/invitations").WithTags("Membership");

        invitations.MapGet("/{token}", async Task<Results<Ok<InvitationView>, ProblemHttpResult>> (string token, MembershipQueries queries) =>
            await queries.InvitationAsync(token) is { } invitation
                ? TypedResults.Ok(invitation)
                : ResultHttp.Problem(Failure.NotFound, "No such invitation.", null))
            .WithSummary("The community an invitation opens, for the invitee to read before accepting");

        invitations.MapPost("/{token}/accept", async Task<Results<Ok<JoinOutcome>, ProblemHttpResult>> (
            string token, AcceptInvitationRequest request, HttpContext http, AcceptInvitation accept) =>
            (await accept.HandleAsync(token, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("The invitee accepts the invitation and the current rules version, and becomes an active member");

        return api;
    }
}
