using Hearth.Features.Accounts;
using Hearth.Features.Communities;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.People;

/// <summary>
/// The People routes: profiles and their activity, following and blocking, and the expertise directory of communities
/// of practice. A query string the list cannot be made from (kind, skill, cursor) is a 400; bad bodies are 422.
/// </summary>
public static class PeopleApi
{
    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users/{userName}").WithTags("People");

        users.MapGet("", async Task<Results<Ok<MemberProfile>, ProblemHttpResult>> (string userName, HttpContext http, PeopleQueries queries) =>
            await queries.ProfileAsync(userName, http.User.UserId()) is { } profile
                ? TypedResults.Ok(profile)
                : ResultHttp.Problem(Failure.NotFound, "No such member.", null))
            .WithName("GetMemberProfile")
            .WithSummary("A member's profile: display name, bio (Markdown and rendered HTML), skills, links, follower counts and the caller's relation");

        users.MapGet("/activity", async Task<Results<Ok<Page<ActivityItem>>, ProblemHttpResult>> (
            string userName, string? kind, string? cursor, int? limit, HttpContext http, PeopleQueries queries) =>
            ListOrBadRequest(await queries.ActivityAsync(userName, http.User.UserId(), kind, cursor, limit)))
            .WithName("GetMemberActivity")
            .WithSummary("What a member wrote (kind=topics|replies|answers|articles, default all), newest first, only in communities the caller may read");

        users.MapPut("/follow", async Task<Results<Ok<FollowView>, ProblemHttpResult>> (string userName, HttpContext http, FollowMember follow) =>
            (await follow.HandleAsync(userName, http.User.UserId()!.Value, follow: true)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithName("FollowMember").WithSummary("Follow a member (idempotent)");

        users.MapDelete("/follow", async Task<Results<Ok<FollowView>, ProblemHttpResult>> (string userName, HttpContext http, FollowMember follow) =>
            (await follow.HandleAsync(userName, http.User.UserId()!.Value, follow: false)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithName("UnfollowMember").WithSummary("Stop following a member (idempotent)");

        users.MapPut("/block", async Task<Results<Ok<BlockView>, ProblemHttpResult>> (string userName, HttpContext http, BlockMember block) =>
            (await block.HandleAsync(userName, http.User.UserId()!.Value, block: true)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithName("BlockMember").WithSummary("Block a member: they can no longer message you or follow you (idempotent; they are not told)");

        users.MapDelete("/block", async Task<Results<Ok<BlockView>, ProblemHttpResult>> (string userName, HttpContext http, BlockMember block) =>
            (await block.HandleAsync(userName, http.User.UserId()!.Value, block: false)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithName("UnblockMember").WithSummary("Unblock a member (idempotent)");

        api.MapPatch("/me/profile", async Task<Results<Ok<MemberProfile>, ProblemHttpResult>> (EditProfileRequest request, HttpContext http, EditProfile edit) =>
            (await edit.HandleAsync(http.User.UserId()!.Value, request)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithTags("People")
            .WithName("EditMyProfile")
            .WithSummary("Edit the caller's profile: {displayName?, bio?, skills?: [..], links?: [..]}; fields left out keep their value");

        var community = api.MapGroup("/communities/{slug}").WithTags("People");

        community.MapGet("/experts", async Task<Results<Ok<Page<Expert>>, ProblemHttpResult>> (
            string slug, string? skill, string? cursor, int? limit, HttpContext http, CommunityAccessQuery access, PeopleQueries queries) =>
        {
            if (await access.BySlugAsync(slug, http.User.UserId()) is not { } c || !PeoplePermissions.MaySeeExperts(c))
                return CommunitiesApi.NotFound();
            if (!PeoplePermissions.HasExpertise(c))
                return ResultHttp.Problem(Failure.Conflict, "Only communities of practice have an expertise directory.", null);
            var normalised = Skills.Normalise(skill);
            if (!Skills.IsValid(normalised))
                return BadRequest(Problem.Field("skill", "Name a skill (skill=...): letters, digits or single hyphens, like a tag."));
            return ListOrBadRequest(await queries.ExpertsAsync(c, normalised, http.User.UserId(), cursor, limit));
        }).WithName("GetCommunityExperts")
          .WithSummary("Who knows a skill here (communities of practice): score = 1×declared + 3×accepted answers on questions tagged with it + 2×endorsements, highest first");

        community.MapPut("/members/{userName}/endorsements/{skill}", async Task<Results<Ok<EndorsementView>, ProblemHttpResult>> (
            string slug, string userName, string skill, HttpContext http, EndorseMember endorse) =>
            (await endorse.HandleAsync(slug, userName, skill, http.User.UserId()!.Value, endorse: true)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithName("EndorseMember").WithSummary("Endorse another active member for a skill (communities of practice; once per skill; idempotent)");

        community.MapDelete("/members/{userName}/endorsements/{skill}", async Task<Results<Ok<EndorsementView>, ProblemHttpResult>> (
            string slug, string userName, string skill, HttpContext http, EndorseMember endorse) =>
            (await endorse.HandleAsync(slug, userName, skill, http.User.UserId()!.Value, endorse: false)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithName("WithdrawEndorsement").WithSummary("Take back one's endorsement of a member for a skill");

        return api;
    }

    /// <summary>A list the query string cannot make (Invalid) is a 400 with <c>errors</c>; other failures map as usual.</summary>
    internal static Results<Ok<Page<T>>, ProblemHttpResult> ListOrBadRequest<T>(Result<Page<T>> result) =>
        result.Ok ? TypedResults.Ok(result.Value!)
        : result.Failure == Failure.Invalid ? BadRequest(new Problem(result.Failure, result.Message ?? "", result.Errors))
        : result.ToProblem();

    private static ProblemHttpResult BadRequest(Problem problem) =>
        TypedResults.Problem(title: problem.Errors?.Values.SelectMany(e => e).FirstOrDefault() ?? problem.Message,
            statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["errors"] = problem.Errors });
}
