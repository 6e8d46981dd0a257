using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Moderation;

public sealed record WarnRequest(string? Message);

public static class ModerationApi
{
    public static RouteGroupBuilder MapModerationApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Moderation").RequireAuthorization();

        g.MapPost("/flags", async Task<Results<Created<FlagCreated>, ProblemHttpResult>> (FlagRequest request, HttpContext http, FlagContent flag) =>
        {
            var result = await flag.HandleAsync(request, Me(http));
            return result.Ok ? TypedResults.Created($"/api/v1/flags/{result.Value!.Id}", result.Value) : result.ToProblem();
        }).RequireRateLimiting(RateLimits.Writes).WithName("FlagContent")
          .WithSummary("Flag a post, a topic or a member (exactly one) with a reason: OffTopic, Inappropriate, Spam, BreaksRules (quote the rule) or Other");

        g.MapGet("/communities/{slug}/flags", async Task<Results<Ok<Page<FlagView>>, ProblemHttpResult>> (
            string slug, string? state, string? cursor, int? limit, HttpContext http, ModerationQueries queries) =>
        {
            if (!ModerationQueries.TryState(state, out var filter)) return BadRequest("State must be Open, Upheld, Dismissed or All.");
            if (!ModerationQueries.TryCursor(cursor, out var before)) return BadRequest("The cursor is not valid.");
            return (await queries.CommunityFlagsAsync(slug, Me(http), filter, before, limit)).OkOrProblem();
        }).WithName("CommunityFlags").WithSummary("A community's review queue (its moderators and stewards): flags, newest first; state=Open|Upheld|Dismissed|All");

        g.MapGet("/admin/flags", async Task<Results<Ok<Page<FlagView>>, ProblemHttpResult>> (
            string? state, string? cursor, int? limit, HttpContext http, ModerationQueries queries) =>
        {
            if (!ModerationQueries.TryState(state, out var filter)) return BadRequest("State must be Open, Upheld, Dismissed or All.");
            if (!ModerationQueries.TryCursor(cursor, out var before)) return BadRequest("The cursor is not valid.");
            return (await queries.SiteFlagsAsync(Me(http), filter, before, limit)).OkOrProblem();
        }).WithName("SiteFlags").WithSummary("The site's review queue (admins): every flag, member flags included");

        g.MapPost("/flags/{id:long}/resolve", async Task<Results<Ok<FlagResolved>, ProblemHttpResult>> (
            long id, ResolveFlagRequest request, HttpContext http, ResolveFlag resolve) =>
            (await resolve.HandleAsync(id, request, Me(http))).OkOrProblem())
          .RequireRateLimiting(RateLimits.Writes).WithName("ResolveFlag").WithSummary("Uphold or dismiss a flag, with a note (moderators; admins)");

        foreach (var (verb, kind, summary) in new[]
        {
            ("hide", ActionKind.HidePost, "Hide a visible post (moderators), with a reason"),
            ("delete", ActionKind.RemovePost, "Remove a post (moderators), with a reason"),
            ("approve", ActionKind.ApprovePost, "Approve a post held for approval (moderators)"),
            ("reject", ActionKind.RejectPost, "Reject a post held for approval (moderators), with a reason"),
        })
        {
            g.MapPost($"/posts/{{id:long}}/{verb}", async Task<Results<Ok<PostModerated>, ProblemHttpResult>> (
                long id, ModeratePostRequest request, HttpContext http, ModeratePost moderate) =>
                (await moderate.HandleAsync(id, kind, request, Me(http))).OkOrProblem())
              .RequireRateLimiting(RateLimits.Writes).WithName($"{kind}").WithSummary(summary);
        }

        // One address, two acts: an author brings back a post they deleted (and is refused one a moderator hid), a
        // moderator one that was hidden or removed. State and authorship pick the use case; each checks its own permissions.
        g.MapPost("/posts/{id:long}/restore", async Task<Results<Ok<PostModerated>, Ok<Conversation.PostStateView>, ProblemHttpResult>> (
            long id, ModeratePostRequest? request, HttpContext http, ModeratePost moderate, Conversation.DeletePost authorDelete, ModerationQueries queries) =>
        {
            if (await queries.IsAuthorsRestoreAsync(id, Me(http)))
            {
                var restored = await authorDelete.HandleAsync(id, restore: true, Me(http));
                return restored.Ok ? TypedResults.Ok(restored.Value!) : restored.ToProblem();
            }
            var result = await moderate.HandleAsync(id, ActionKind.RestorePost, request ?? new ModeratePostRequest(null), Me(http));
            return result.Ok ? TypedResults.Ok(result.Value!) : result.ToProblem();
        }).RequireRateLimiting(RateLimits.Writes).WithName("RestorePost")
          .WithSummary("Restore a post: its author brings back what they deleted; a moderator, a post that was hidden or removed");

        g.MapGet("/communities/{slug}/pending", async Task<Results<Ok<Page<PendingPostView>>, ProblemHttpResult>> (
            string slug, string? cursor, int? limit, HttpContext http, ModerationQueries queries) =>
            ModerationQueries.TryCursor(cursor, out var before) ? (await queries.PendingAsync(slug, Me(http), before, limit)).OkOrProblem() : BadRequest("The cursor is not valid."))
          .WithName("PendingPosts").WithSummary("Posts held for approval in a community (moderators)");

        g.MapPost("/communities/{slug}/members/{userName}/warn", async Task<Results<Ok<SanctionApplied>, ProblemHttpResult>> (
            string slug, string userName, WarnRequest request, HttpContext http, SanctionMember sanction) =>
            (await sanction.HandleAsync(slug, userName, ActionKind.Warn, new SanctionRequest(request.Message), Me(http))).OkOrProblem())
          .RequireRateLimiting(RateLimits.Writes).WithName("WarnMember").WithSummary("Warn a member with a message, sent as a notification (moderators)");

        foreach (var (verb, kind, summary) in new[]
        {
            ("suspend", ActionKind.Suspend, "Suspend a member for some days: still a member, cannot post (moderators)"),
            ("ban", ActionKind.Ban, "Ban a member: the membership ends as Banned (moderators)"),
            ("lift", ActionKind.Lift, "Lift a member's suspension or ban (moderators)"),
        })
        {
            g.MapPost($"/communities/{{slug}}/members/{{userName}}/{verb}", async Task<Results<Ok<SanctionApplied>, ProblemHttpResult>> (
                string slug, string userName, SanctionRequest request, HttpContext http, SanctionMember sanction) =>
                (await sanction.HandleAsync(slug, userName, kind, request, Me(http))).OkOrProblem())
              .RequireRateLimiting(RateLimits.Writes).WithName($"{kind}Member").WithSummary(summary);
            g.MapPost($"/admin/users/{{userName}}/{verb}", async Task<Results<Ok<AccountSanctioned>, ProblemHttpResult>> (
                string userName, SanctionRequest request, HttpContext http, SanctionAccount sanction) =>
                (await sanction.HandleAsync(userName, kind, request, Me(http))).OkOrProblem())
              .RequireRateLimiting(RateLimits.Writes).WithName($"{kind}Account").WithSummary(summary.Replace("(moderators)", "at site level (admins)", StringComparison.Ordinal));
        }

        g.MapPut("/topics/{id:long}/slow-mode", async Task<Results<Ok<SlowModeSet>, ProblemHttpResult>> (
            long id, SlowModeRequest request, HttpContext http, SetSlowMode slow) =>
            (await slow.ForTopicAsync(id, request, Me(http))).OkOrProblem())
          .RequireRateLimiting(RateLimits.Writes).WithName("TopicSlowMode").WithSummary("Slow mode for a topic: seconds between one member's posts there; 0 turns it off (moderators)");

        g.MapPut("/communities/{slug}/spaces/{space}/slow-mode", async Task<Results<Ok<SlowModeSet>, ProblemHttpResult>> (
            string slug, string space, SlowModeRequest request, HttpContext http, SetSlowMode slow) =>
            (await slow.ForSpaceAsync(slug, space, request, Me(http))).OkOrProblem())
          .RequireRateLimiting(RateLimits.Writes).WithName("SpaceSlowMode").WithSummary("Slow mode for a whole space (moderators)");

        g.MapGet("/communities/{slug}/moderation/settings", async Task<Results<Ok<ModerationSettings>, ProblemHttpResult>> (
            string slug, HttpContext http, ModerationQueries queries) =>
            await queries.ScopeAsync(slug, Me(http)) is { MayModerate: true } scope ? TypedResults.Ok(scope.Settings) : NotFound())
          .WithName("ModerationSettings").WithSummary("A community's moderation settings (moderators)");

        g.MapPatch("/communities/{slug}/moderation/settings", async Task<Results<Ok<ModerationSettings>, ProblemHttpResult>> (
            string slug, ModerationSettingsRequest request, HttpContext http, ChangeModerationSettings change) =>
            (await change.HandleAsync(slug, request, Me(http))).OkOrProblem())
          .RequireRateLimiting(RateLimits.Writes).WithName("ChangeModerationSettings").WithSummary("Stewards set flagsToHide, holdFirstPosts and publicLog");

        api.MapGet("/communities/{slug}/moderation/log", async Task<Results<Ok<Page<LogEntry>>, ProblemHttpResult>> (
            string slug, string? cursor, int? limit, HttpContext http, ModerationQueries queries) =>
            ModerationQueries.TryCursor(cursor, out var before) ? (await queries.LogAsync(slug, http.User.UserId(), before, limit)).OkOrProblem() : BadRequest("The cursor is not valid."))
          .WithTags("Moderation").WithName("ModerationLog").WithSummary("The community's moderation log: moderators always, members when the stewards made it public");

        g.MapGet("/communities/{slug}/appeals", async Task<Results<Ok<Page<ActionView>>, ProblemHttpResult>> (
            string slug, string? cursor, int? limit, HttpContext http, ModerationQueries queries) =>
            ModerationQueries.TryCursor(cursor, out var before) ? (await queries.AppealsAsync(slug, Me(http), before, limit)).OkOrProblem() : BadRequest("The cursor is not valid."))
          .WithName("Appeals").WithSummary("Appeals waiting for a decision in a community (moderators)");

        g.MapGet("/moderation/actions/{id:long}", async Task<Results<Ok<ActionView>, ProblemHttpResult>> (long id, HttpContext http, ModerationQueries queries) =>
            await queries.ActionAsync(id, Me(http)) is { } action ? TypedResults.Ok(action) : NotFound())
          .WithName("ModerationAction").WithSummary("One moderation decision: for the member it is about, and for its moderators");

        g.MapPost("/moderation/actions/{id:long}/appeal", async Task<Results<Ok<AppealFiled>, ProblemHttpResult>> (
            long id, AppealRequest request, HttpContext http, AppealAction appeal) =>
            (await appeal.HandleAsync(id, request, Me(http))).OkOrProblem())
          .RequireRateLimiting(RateLimits.Writes).WithName("AppealAction").WithSummary("Appeal a decision about you, once");

        g.MapPost("/moderation/actions/{id:long}/decide", async Task<Results<Ok<AppealDecided>, ProblemHttpResult>> (
            long id, DecideAppealRequest request, HttpContext http, DecideAppeal decide) =>
            (await decide.HandleAsync(id, request, Me(http))).OkOrProblem())
          .RequireRateLimiting(RateLimits.Writes).WithName("DecideAppeal").WithSummary("Grant (undo the decision) or deny an appeal (moderators)");

        foreach (var (prefix, site) in new[] { ("/communities/{slug}/watched-words", false), ("/admin/watched-words", true) })
        {
            var who = site ? "the site's (admins)" : "a community's (moderators)";
            g.MapGet(prefix, async Task<Results<Ok<Page<WatchedWordView>>, ProblemHttpResult>> (HttpContext http, ManageWatchedWords words) =>
                (await words.ListAsync(Slug(http, site), Me(http))).OkOrProblem()).WithName(site ? "SiteWatchedWords" : "WatchedWords").WithSummary($"Watched words, {who}");
            g.MapPost(prefix, async Task<Results<Created<WatchedWordView>, ProblemHttpResult>> (WatchedWordRequest request, HttpContext http, ManageWatchedWords words) =>
            {
                var result = await words.AddAsync(Slug(http, site), request, Me(http));
                return result.Ok ? TypedResults.Created($"{http.Request.Path}/{result.Value!.Id}", result.Value) : result.ToProblem();
            }).RequireRateLimiting(RateLimits.Writes).WithName(site ? "AddSiteWatchedWord" : "AddWatchedWord")
              .WithSummary($"Watch a word, {who}: Block (refused), Hold (waits for approval) or Replace");
            g.MapDelete(prefix + "/{id:long}", async Task<Results<Ok<WatchedWordView>, ProblemHttpResult>> (long id, HttpContext http, ManageWatchedWords words) =>
                (await words.RemoveAsync(Slug(http, site), id, Me(http))).OkOrProblem())
              .RequireRateLimiting(RateLimits.Writes).WithName(site ? "RemoveSiteWatchedWord" : "RemoveWatchedWord").WithSummary($"Stop watching a word, {who}");
        }

        g.MapGet("/me/trust", async Task<Results<Ok<TrustView>, ProblemHttpResult>> (HttpContext http, TrustLevels trust) =>
            await trust.ForAsync(Me(http)) is { } view ? TypedResults.Ok(view) : NotFound())
          .WithName("MyTrust").WithSummary("The caller's trust level (0–3) and the activity it is earned from");

        return api;
    }

    private static long Me(HttpContext http) => http.User.UserId()!.Value;

    private static string? Slug(HttpContext http, bool site) => site ? null : http.GetRouteValue("slug") as string;

    private static ProblemHttpResult NotFound() => ResultHttp.Problem(Failure.NotFound, null, null);

    private static ProblemHttpResult BadRequest(string title) => TypedResults.Problem(title: title, statusCode: StatusCodes.Status400BadRequest);
}
