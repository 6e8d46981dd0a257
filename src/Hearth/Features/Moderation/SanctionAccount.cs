using Dapper;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Moderation;

public sealed record AccountSanctioned(long ActionId, string UserName, string Kind, bool Banned, DateTime? SuspendedUntil);

/// <summary>
/// Site-level sanctions, by admins only: suspend an account for some days, ban it, or lift either. A sanctioned account
/// still signs in and reads, but posts nowhere (<see cref="PostingGate"/>). Admins cannot sanction admins.
/// Non-admins learn nothing of these routes (404).
/// </summary>
public sealed class SanctionAccount(Db db, TimeProvider clock)
{
    public async Task<Result<AccountSanctioned>> HandleAsync(string userName, ActionKind kind, SanctionRequest request, long actorId, CancellationToken ct = default)
    {
        if (kind is not (ActionKind.Suspend or ActionKind.Ban or ActionKind.Lift)) throw new ArgumentOutOfRangeException(nameof(kind));
        var reason = request.Reason?.Trim();
        var validation = new Validation().Require("reason", reason, ModerationLimits.Reason, "Reason");
        if (kind == ActionKind.Suspend)
            validation.Check(request.Days is >= 1 and <= ModerationLimits.MaxSuspensionDays, "days", $"Days must be 1–{ModerationLimits.MaxSuspensionDays}.");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        if (!await ModerationRecords.IsAdminAsync(connection, actorId, tx)) return Problem.NotFound();
        var target = await connection.QuerySingleOrDefaultAsync<TargetRow>(
            "SELECT id, user_name, is_admin, banned, suspended_until FROM users WHERE normalized_user_name = @Name",
            new { Name = userName.Trim().ToUpperInvariant() }, tx);
        if (target is null) return Problem.NotFound("No such member.");
        if (target.IsAdmin) return Problem.Forbidden("Admins are not sanctioned; take the admin role away first.");
        if (validation.Problem is { } invalid) return invalid;

        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? until = target.SuspendedUntil;
        var banned = target.Banned;
        switch (kind)
        {
            case ActionKind.Suspend:
                until = now.AddDays(request.Days!.Value);
                break;
            case ActionKind.Ban:
                if (banned) return Problem.Conflict("This account is banned already.");
                banned = true;
                break;
            default:
                if (!banned && !(until > now)) return Problem.Conflict("This account is neither suspended nor banned.");
                (banned, until) = (false, null);
                break;
        }
        await connection.ExecuteAsync("UPDATE users SET banned = @Banned, suspended_until = @Until WHERE id = @Id",
            new { Banned = banned, Until = until, target.Id }, tx);
        var actionId = await ModerationRecords.RecordAsync(connection, tx,
            new ActionRecord(null, actorId, kind, target.UserName, reason!, target.Id, EndsAt: kind == ActionKind.Suspend ? until : null), now);
        var text = kind switch
        {
            ActionKind.Suspend => $"Your account is suspended for {request.Days} days: {reason}",
            ActionKind.Ban => $"Your account is banned: {reason}",
            _ => $"The sanction on your account is lifted: {reason}",
        };
        await Notify.SendAsync(connection, tx, [new NotificationDraft(target.Id, "moderation", text, ModerationUrls.Action(actionId), ActorId: actorId)], now);
        await tx.CommitAsync(ct);
        return new AccountSanctioned(actionId, target.UserName, kind.ToString(), banned, until);
    }

    private sealed record TargetRow
    {
        public long Id { get; init; }
        public string UserName { get; init; } = "";
        public bool IsAdmin { get; init; }
        public bool Banned { get; init; }
        public DateTime? SuspendedUntil { get; init; }
    }
}
