using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Membership;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Moderation;

/// <param name="Days">Suspend only: for how many days (1–3650).</param>
/// <param name="Reason">Why; the member is told. For a warning, the message itself.</param>
public sealed record SanctionRequest(string? Reason, int? Days = null);

public sealed record SanctionApplied(long ActionId, string UserName, string Kind, string MembershipState, DateTime? SuspendedUntil);

/// <summary>
/// Community-level sanctions by its moderators and stewards (and admins): warn (a message, nothing else changes),
/// suspend for some days (still a member, cannot post), ban (the membership ends as Banned; they cannot rejoin) and
/// lift (a suspension ends; a ban ends as Left, so coming back is again the member's own act). Sanctions go down the
/// ladder only (<see cref="ModerationPermissions.MaySanction"/>). Each is an action, an audit entry and a notification.
/// </summary>
public sealed class SanctionMember(Db db, TimeProvider clock)
{
    public async Task<Result<SanctionApplied>> HandleAsync(string slug, string userName, ActionKind kind, SanctionRequest request, long actorId, CancellationToken ct = default)
    {
        if (kind is not (ActionKind.Warn or ActionKind.Suspend or ActionKind.Ban or ActionKind.Lift)) throw new ArgumentOutOfRangeException(nameof(kind));
        var reason = request.Reason?.Trim();
        var validation = new Validation().Require(kind == ActionKind.Warn ? "message" : "reason", reason, kind == ActionKind.Warn ? ModerationLimits.Message : ModerationLimits.Reason,
            kind == ActionKind.Warn ? "Message" : "Reason");
        if (kind == ActionKind.Suspend)
            validation.Check(request.Days is >= 1 and <= ModerationLimits.MaxSuspensionDays, "days", $"Days must be 1–{ModerationLimits.MaxSuspensionDays}.");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, actorId, tx);
        var admin = await ModerationRecords.IsAdminAsync(connection, actorId, tx);
        if (c is null || !(admin || CommunityPermissions.MaySeeExistence(c))) return Problem.NotFound("No such community.");
        if (!ModerationPermissions.MayModerate(c, admin)) return c.IsPublic || c.IsActiveMember
            ? Problem.Forbidden("Only the community's moderators do that.") : Problem.NotFound("No such community.");

        var target = await connection.QuerySingleOrDefaultAsync<TargetRow>("""
            SELECT u.id AS user_id, u.user_name, m.role, m.state, m.suspended_until
            FROM users u JOIN memberships m ON m.user_id = u.id AND m.community_id = @CommunityId
            WHERE u.normalized_user_name = @Name
            """, new { CommunityId = c.Id, Name = userName.Trim().ToUpperInvariant() }, tx);
        if (target is null) return Problem.NotFound("No such member.");
        if (target.UserId == actorId) return Problem.Forbidden("You cannot sanction yourself.");
        if (!ModerationPermissions.MaySanction(c, admin, target.State == nameof(MembershipState.Active) ? target.Role : null))
            return Problem.Forbidden("Moderators sanction members; only stewards sanction moderators, and nobody here sanctions a steward.");
        if (validation.Problem is { } invalid) return invalid;

        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? until = null;
        var state = target.State;
        switch (kind)
        {
            case ActionKind.Warn:
                if (state != nameof(MembershipState.Active)) return Problem.Conflict("Only active members are warned.");
                break;
            case ActionKind.Suspend:
                if (state != nameof(MembershipState.Active)) return Problem.Conflict("Only active members are suspended; ban anyone else.");
                until = now.AddDays(request.Days!.Value);
                await connection.ExecuteAsync("UPDATE memberships SET suspended_until = @Until, updated_at = @Now WHERE community_id = @CommunityId AND user_id = @UserId",
                    new { Until = until, Now = now, CommunityId = c.Id, target.UserId }, tx);
                break;
            case ActionKind.Ban:
                if (state == nameof(MembershipState.Banned)) return Problem.Conflict("This member is banned already.");
                await connection.ExecuteAsync("""
                    UPDATE memberships SET state = 'Banned', role = 'Member', suspended_until = NULL, updated_at = @Now, decided_by = @Actor
                    WHERE community_id = @CommunityId AND user_id = @UserId
                    """, new { Now = now, Actor = actorId, CommunityId = c.Id, target.UserId }, tx);
                if (state == nameof(MembershipState.Active)) await Memberships.RecordLeaveAsync(connection, tx, c.Id, target.UserId, now, "banned");
                state = nameof(MembershipState.Banned);
                break;
            case ActionKind.Lift:
                var banned = state == nameof(MembershipState.Banned);
                if (!banned && !(target.SuspendedUntil > now)) return Problem.Conflict("This member is neither suspended nor banned.");
                await connection.ExecuteAsync("""
                    UPDATE memberships SET suspended_until = NULL, state = CASE WHEN state = 'Banned' THEN 'Left' ELSE state END, updated_at = @Now
                    WHERE community_id = @CommunityId AND user_id = @UserId
                    """, new { Now = now, CommunityId = c.Id, target.UserId }, tx);
                if (banned) state = nameof(MembershipState.Left);
                break;
        }

        var actionId = await ModerationRecords.RecordAsync(connection, tx,
            new ActionRecord(c.Id, actorId, kind, target.UserName, reason!, target.UserId, EndsAt: until), now);
        var text = kind switch
        {
            ActionKind.Warn => $"A moderator of {c.Name} warns you: {reason}",
            ActionKind.Suspend => $"You are suspended in {c.Name} for {request.Days} days: {reason}",
            ActionKind.Ban => $"You are banned from {c.Name}: {reason}",
            _ => $"Your suspension or ban in {c.Name} is lifted: {reason}",
        };
        await Notify.SendAsync(connection, tx, [new NotificationDraft(target.UserId, "moderation", text, ModerationUrls.Action(actionId), c.Id, ActorId: actorId)], now);
        await tx.CommitAsync(ct);
        return new SanctionApplied(actionId, target.UserName, kind.ToString(), state, until);
    }

    private sealed record TargetRow
    {
        public long UserId { get; init; }
        public string UserName { get; init; } = "";
        public string Role { get; init; } = "";
        public string State { get; init; } = "";
        public DateTime? SuspendedUntil { get; init; }
    }
}
