using Hearth.Features.Accounts;
using Hearth.Features.Communities;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Governance;

/// <summary>
/// Governance by members. Proposals and settings are read by whoever may read the community's content (404 for
/// anyone else); members propose, support and vote (403 for a non-member of a Public community); a vote on a
/// proposal that is not open, or a second vote, is a 409; bad fields are 422 with <c>errors</c>.
/// </summary>
public static class GovernanceApi
{
    public static RouteGroupBuilder MapGovernanceApi(this RouteGroupBuilder api)
    {
        var community = api.MapGroup("/communities/{slug}").WithTags("Governance");

        community.MapGet("/governance", async Task<Results<Ok<GovernanceSettings>, ProblemHttpResult>> (
            string slug, HttpContext http, CommunityAccessQuery access, GovernanceQueries queries) =>
            await access.BySlugAsync(slug, http.User.UserId()) is { } c && GovernanceQueries.MayRead(c)
                ? TypedResults.Ok(await queries.SettingsAsync(c.Id))
                : CommunitiesApi.NotFound())
            .WithSummary("How the community decides: voting days, quorum and threshold (percent), support a member's proposal needs, steward confirmation");

        community.MapPut("/governance", async Task<Results<Ok<GovernanceSettings>, ProblemHttpResult>> (
            string slug, GovernanceSettingsRequest request, HttpContext http, ChangeGovernanceSettings change) =>
            (await change.HandleAsync(slug, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Stewards change the governance settings (votingDays 1–60, quorumPercent 1–100, thresholdPercent 50–100, supportNeeded 0–1000, stewardConfirmation); omitted fields stay");

        community.MapGet("/proposals", async Task<Results<Ok<Page<ProposalView>>, ProblemHttpResult>> (
            string slug, string? cursor, int? limit, HttpContext http, CommunityAccessQuery access, ProposalQueries queries) =>
        {
            if (await access.BySlugAsync(slug, http.User.UserId()) is not { } c || !GovernanceQueries.MayRead(c)) return CommunitiesApi.NotFound();
            return await queries.ListAsync(c.Id, http.User.UserId(), cursor, limit) is { } page ? TypedResults.Ok(page) : CommunitiesApi.BadCursor();
        }).WithSummary("The community's proposals, newest first");

        community.MapPost("/proposals", async Task<Results<Created<ProposalView>, ProblemHttpResult>> (
            string slug, OpenProposalRequest request, HttpContext http, OpenProposal open) =>
        {
            var result = await open.HandleAsync(slug, request, http.User.UserId()!.Value);
            return result.Ok ? TypedResults.Created($"/api/v1/proposals/{result.Value!.Id}", result.Value) : result.ToProblem();
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Propose a change to purpose, values, rules, visibility or joinPolicy: a steward's opens to a vote at once, a member's gathers support first");

        community.MapGet("/steward-changes", async Task<Results<Ok<Page<StewardChangeView>>, ProblemHttpResult>> (
            string slug, HttpContext http, CommunityAccessQuery access, GovernanceQueries queries) =>
            await access.BySlugAsync(slug, http.User.UserId()) is { IsSteward: true } c
                ? TypedResults.Ok(Page.Of(await queries.PendingStewardChangesAsync(c.Id)))
                : CommunitiesApi.NotFound())
            .RequireAuthorization().WithSummary("Steward changes waiting for a second steward (stewards only)");

        community.MapPost("/steward-changes/{id:long}/confirm", async Task<Results<Ok<StewardChangeView>, ProblemHttpResult>> (
            string slug, long id, HttpContext http, DecideStewardChange decide) =>
            (await decide.HandleAsync(slug, id, StewardDecision.Confirm, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("A steward other than the requester confirms a pending steward change, which then applies");

        community.MapPost("/steward-changes/{id:long}/decline", async Task<Results<Ok<StewardChangeView>, ProblemHttpResult>> (
            string slug, long id, HttpContext http, DecideStewardChange decide) =>
            (await decide.HandleAsync(slug, id, StewardDecision.Decline, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("A steward declines a pending steward change; nothing changes");

        var proposals = api.MapGroup("/proposals").WithTags("Governance");

        proposals.MapGet("/{id:long}", async Task<Results<Ok<ProposalView>, ProblemHttpResult>> (long id, HttpContext http, ProposalQueries queries) =>
            await queries.GetAsync(id, http.User.UserId()) is { } proposal
                ? TypedResults.Ok(proposal)
                : ResultHttp.Problem(Failure.NotFound, "No such proposal.", null))
            .WithSummary("One proposal: its change set against what it replaces, support, counts, quorum needed, ends_at and the caller's vote");

        proposals.MapPost("/{id:long}/support", async Task<Results<Ok<ProposalView>, ProblemHttpResult>> (long id, HttpContext http, SupportProposal support) =>
            (await support.HandleAsync(id, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Support a member's proposal, once; voting opens when the community's number of supporters is reached");

        proposals.MapPost("/{id:long}/vote", async Task<Results<Ok<ProposalView>, ProblemHttpResult>> (
            long id, ProposalVoteRequest request, HttpContext http, VoteOnProposal vote) =>
            (await vote.HandleAsync(id, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Vote Yes or No on an open proposal, once (a second vote is a 409)");

        proposals.MapPost("/{id:long}/withdraw", async Task<Results<Ok<ProposalView>, ProblemHttpResult>> (long id, HttpContext http, WithdrawProposal withdraw) =>
            (await withdraw.HandleAsync(id, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("The proposer withdraws their proposal before it closes");

        return api;
    }
}
