using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Moderation;

public sealed record AppealRequest(string? Reason);

public sealed record AppealFiled(long ActionId, string AppealState, DateTime AppealedAt);

/// <summary>
/// The member a decision was about appeals it, once (a second appeal is 409). Only decisions that took something away
/// can be appealed: a hidden, removed or rejected post, a warning, a suspension, a ban. Nobody else sees the action here (404).
/// </summary>
public sealed class AppealAction(Db db, TimeProvider clock)
{
    internal static readonly string[] Appealable =
        [nameof(ActionKind.HidePost), nameof(ActionKind.AutoHidePost), nameof(ActionKind.RemovePost), nameof(ActionKind.RejectPost),
         nameof(ActionKind.Warn), nameof(ActionKind.Suspend), nameof(ActionKind.Ban)];

    public async Task<Result<AppealFiled>> HandleAsync(long actionId, AppealRequest request, long userId, CancellationToken ct = default)
    {
        var validation = new Validation().Require("reason", request.Reason?.Trim(), ModerationLimits.Reason, "Reason");
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var action = await connection.QuerySingleOrDefaultAsync<ActionRow>(
            "SELECT id, community_id, kind, target_user_id, appeal_state FROM moderation_actions WHERE id = @Id", new { Id = actionId }, tx);
        if (action is null || action.TargetUserId != userId) return Problem.NotFound("No such decision.");
        if (!Appealable.Contains(action.Kind)) return Problem.Conflict("This decision cannot be appealed.");
        if (action.AppealState is not null) return Problem.Conflict("You have appealed this decision already; each decision is appealed once.");
        if (validation.Problem is { } invalid) return invalid;

        var now = clock.GetUtcNow().UtcDateTime;
        // The state condition makes two appeals sent at once end as one appeal and one 409.
        var filed = await connection.ExecuteAsync("""
            UPDATE moderation_actions SET appeal_reason = @Reason, appealed_at = @Now, appeal_state = 'Pending'
            WHERE id = @Id AND appeal_state IS NULL
            """, new { Reason = request.Reason!.Trim(), Now = now, Id = actionId }, tx);
        if (filed != 1) return Problem.Conflict("You have appealed this decision already; each decision is appealed once.");
        await AuditLog.WriteAsync(connection, tx, action.CommunityId, userId, "appeal", $"action {actionId}", request.Reason.Trim(), now);
        await tx.CommitAsync(ct);
        return new AppealFiled(actionId, "Pending", now);
    }

    internal sealed record ActionRow
    {
        public long Id { get; init; }
        public long? CommunityId { get; init; }
        public string Kind { get; init; } = "";
        public long? TargetUserId { get; init; }
        public long? PostId { get; init; }
        public string? AppealState { get; init; }
    }
}
