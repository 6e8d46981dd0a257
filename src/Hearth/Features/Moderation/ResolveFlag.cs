using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Moderation;

/// <param name="Decision">Uphold or Dismiss.</param>
public sealed record ResolveFlagRequest(string? Decision, string? Note);

public sealed record FlagResolved(long Id, string State, string ResolvedBy, DateTime ResolvedAt, string Note, bool PostRestored);

/// <summary>
/// A moderator (of the flag's community) or an admin upholds or dismisses a flag, saying why. Upholding counts toward the
/// flagger's trust. Dismissing the last open flag of a post that flags hid brings the post back: it was hidden only
/// until reviewed, and the review found nothing.
/// </summary>
public sealed class ResolveFlag(Db db, TimeProvider clock, TrustLevels trust)
{
    public async Task<Result<FlagResolved>> HandleAsync(long flagId, ResolveFlagRequest request, long actorId, CancellationToken ct = default)
    {
        var validation = new Validation()
            .Check(request.Decision is "Uphold" or "Dismiss", "decision", "Decision must be Uphold or Dismiss.")
            .Require("note", request.Note?.Trim(), ModerationLimits.Note, "Note");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var flag = await connection.QuerySingleOrDefaultAsync<FlagRow>(
            "SELECT id, community_id, flagger_id, post_id, target_key, state FROM flags WHERE id = @Id", new { Id = flagId }, tx);
        if (flag is null) return Problem.NotFound("No such flag.");
        var admin = await ModerationRecords.IsAdminAsync(connection, actorId, tx);
        var c = flag.CommunityId is { } cid ? await CommunityAccessQuery.ByIdAsync(connection, cid, actorId, tx) : null;
        var may = admin || (c is not null && CommunityPermissions.MayModerate(c));
        if (!may) return Problem.NotFound("No such flag.");
        if (validation.Problem is { } invalid) return invalid;
        if (flag.State != nameof(FlagState.Open)) return Problem.Conflict("This flag is resolved already.");

        var now = clock.GetUtcNow().UtcDateTime;
        var state = request.Decision == "Uphold" ? nameof(FlagState.Upheld) : nameof(FlagState.Dismissed);
        var note = request.Note!.Trim();
        await connection.ExecuteAsync(
            "UPDATE flags SET state = @State, resolved_by = @Actor, resolved_at = @Now, resolution_note = @Note WHERE id = @Id AND state = 'Open'",
            new { State = state, Actor = actorId, Now = now, Note = note, flag.Id }, tx);
        await AuditLog.WriteAsync(connection, tx, flag.CommunityId, actorId, state == nameof(FlagState.Upheld) ? "uphold_flag" : "dismiss_flag",
            $"flag {flag.Id} ({flag.TargetKey})", note, now);

        var restored = false;
        if (state == nameof(FlagState.Upheld))
        {
            await trust.RecomputeAsync(connection, tx, flag.FlaggerId);
        }
        else if (flag.PostId is { } postId)
        {
            var stillOpen = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM flags WHERE post_id = @PostId AND state = 'Open'", new { PostId = postId }, tx);
            var lastKind = await connection.ExecuteScalarAsync<string?>(
                "SELECT kind FROM moderation_actions WHERE post_id = @PostId ORDER BY id DESC LIMIT 1", new { PostId = postId }, tx);
            if (stillOpen == 0 && lastKind == nameof(ActionKind.AutoHidePost))
            {
                restored = await connection.ExecuteAsync("UPDATE posts SET state = 'Visible' WHERE id = @PostId AND state = 'Hidden'", new { PostId = postId }, tx) == 1;
                if (restored)
                    await ModerationRecords.RecordAsync(connection, tx, new ActionRecord(flag.CommunityId, actorId, ActionKind.RestorePost, $"post {postId}",
                        "The flags that hid it were dismissed.", PostId: postId), now);
            }
        }
        var actor = await connection.ExecuteScalarAsync<string>("SELECT user_name FROM users WHERE id = @Id", new { Id = actorId }, tx);
        await tx.CommitAsync(ct);
        return new FlagResolved(flag.Id, state, actor ?? "", now, note, restored);
    }

    private sealed record FlagRow
    {
        public long Id { get; init; }
        public long? CommunityId { get; init; }
        public long FlaggerId { get; init; }
        public long? PostId { get; init; }
        public string TargetKey { get; init; } = "";
        public string State { get; init; } = "";
    }
}
