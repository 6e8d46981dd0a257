using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Moderation;

/// <param name="Decision">Grant (the decision is undone) or Deny.</param>
public sealed record DecideAppealRequest(string? Decision, string? Note);

public sealed record AppealDecided(long ActionId, string AppealState, bool Undone);

/// <summary>
/// A moderator of the community (an admin, for site decisions) grants or denies an appeal, with a note. Granting undoes
/// what can be undone — the post is visible again, the suspension or ban is lifted — as a new action of its own.
/// </summary>
public sealed class DecideAppeal(Db db, TimeProvider clock)
{
    public async Task<Result<AppealDecided>> HandleAsync(long actionId, DecideAppealRequest request, long actorId, CancellationToken ct = default)
    {
        var validation = new Validation()
            .Check(request.Decision is "Grant" or "Deny", "decision", "Decision must be Grant or Deny.")
            .Require("note", request.Note?.Trim(), ModerationLimits.Note, "Note");
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var action = await connection.QuerySingleOrDefaultAsync<AppealAction.ActionRow>(
            "SELECT id, community_id, kind, target_user_id, post_id, appeal_state FROM moderation_actions WHERE id = @Id", new { Id = actionId }, tx);
        if (action is null) return Problem.NotFound("No such decision.");
        var admin = await ModerationRecords.IsAdminAsync(connection, actorId, tx);
        var c = action.CommunityId is { } cid ? await CommunityAccessQuery.ByIdAsync(connection, cid, actorId, tx) : null;
        if (!(admin || (c is not null && CommunityPermissions.MayModerate(c)))) return Problem.NotFound("No such decision.");
        if (action.TargetUserId == actorId) return Problem.Forbidden("Someone else decides an appeal about you.");
        if (validation.Problem is { } invalid) return invalid;
        if (action.AppealState != "Pending") return Problem.Conflict(action.AppealState is null ? "Nobody has appealed this decision." : "This appeal is decided already.");

        var now = clock.GetUtcNow().UtcDateTime;
        var grant = request.Decision == "Grant";
        var note = request.Note!.Trim();
        await connection.ExecuteAsync("""
            UPDATE moderation_actions SET appeal_state = @State, appeal_decided_by = @Actor, appeal_decided_at = @Now, appeal_note = @Note
            WHERE id = @Id AND appeal_state = 'Pending'
            """, new { State = grant ? "Granted" : "Denied", Actor = actorId, Now = now, Note = note, Id = actionId }, tx);
        await AuditLog.WriteAsync(connection, tx, action.CommunityId, actorId, grant ? "grant_appeal" : "deny_appeal", $"action {actionId}", note, now);

        var undone = false;
        if (grant)
        {
            var args = new { action.PostId, action.CommunityId, User = action.TargetUserId, Now = now };
            undone = action.Kind switch
            {
                nameof(ActionKind.HidePost) or nameof(ActionKind.AutoHidePost) or nameof(ActionKind.RemovePost) or nameof(ActionKind.RejectPost) =>
                    await connection.ExecuteAsync("UPDATE posts SET state = 'Visible' WHERE id = @PostId AND state IN ('Hidden', 'Removed', 'Pending')", args, tx) == 1,
                nameof(ActionKind.Suspend) when action.CommunityId is null =>
                    await connection.ExecuteAsync("UPDATE users SET suspended_until = NULL WHERE id = @User", args, tx) == 1,
                nameof(ActionKind.Suspend) =>
                    await connection.ExecuteAsync("UPDATE memberships SET suspended_until = NULL, updated_at = @Now WHERE community_id = @CommunityId AND user_id = @User", args, tx) == 1,
                nameof(ActionKind.Ban) when action.CommunityId is null =>
                    await connection.ExecuteAsync("UPDATE users SET banned = FALSE WHERE id = @User", args, tx) == 1,
                nameof(ActionKind.Ban) =>
                    await connection.ExecuteAsync("UPDATE memberships SET state = 'Left', updated_at = @Now WHERE community_id = @CommunityId AND user_id = @User AND state = 'Banned'", args, tx) == 1,
                _ => false,
            };
            if (undone)
                await ModerationRecords.RecordAsync(connection, tx, new ActionRecord(action.CommunityId, actorId,
                    action.PostId is null ? ActionKind.Lift : ActionKind.RestorePost, $"action {actionId}", "Appeal granted: " + note,
                    action.TargetUserId, action.PostId), now);
        }
        if (action.TargetUserId is { } appellant)
            await Notify.SendAsync(connection, tx, [new NotificationDraft(appellant, "moderation",
                $"Your appeal was {(grant ? "granted" : "denied")}: {note}", ModerationUrls.Action(actionId), action.CommunityId, ActorId: actorId)], now);
        await tx.CommitAsync(ct);
        return new AppealDecided(actionId, grant ? "Granted" : "Denied", undone);
    }
}
