using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Membership;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Governance;

public enum StewardDecision { Confirm, Decline }

/// <summary>
/// A steward other than the requester confirms a pending steward change, which then applies (if the member still
/// holds the role it started from and the community keeps a steward); or any steward, the requester included,
/// declines it.
/// </summary>
public sealed class DecideStewardChange(Db db, TimeProvider clock)
{
    public async Task<Result<StewardChangeView>> HandleAsync(string slug, long id, StewardDecision decision, long stewardId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, stewardId, tx);
        if (c is null || !CommunityPermissions.MaySeeExistence(c)) return Problem.NotFound("No such community.");
        // The queue is the stewards' business; to anyone else it is not there.
        if (!c.IsSteward) return Problem.NotFound("No such steward change.");

        await Memberships.LockCommunityAsync(connection, tx, c.Id);
        var change = await connection.QuerySingleOrDefaultAsync<ChangeRow>(
            "SELECT id, target_user_id, from_role, to_role, requested_by, state FROM steward_changes WHERE id = @Id AND community_id = @CommunityId",
            new { Id = id, CommunityId = c.Id }, tx);
        if (change is null) return Problem.NotFound("No such steward change.");
        if (change.State != nameof(StewardChangeState.Pending)) return Problem.Conflict($"This change was {change.State.ToLowerInvariant()} already.");

        var now = clock.GetUtcNow().UtcDateTime;
        if (decision == StewardDecision.Confirm)
        {
            if (change.RequestedBy == stewardId) return Problem.Forbidden("You asked for this change; a second steward confirms it.");
            var target = await connection.QuerySingleOrDefaultAsync<TargetRow>("""
                SELECT m.id, m.role, u.user_name FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.community_id = @CommunityId AND m.user_id = @UserId AND m.state = 'Active'
                """, new { CommunityId = c.Id, UserId = change.TargetUserId }, tx);
            if (target is null || target.Role != change.FromRole)
                return Problem.Conflict("The member's role or membership changed since this was asked; decline it and ask again.");
            if (change.FromRole == nameof(Role.Steward) && await Memberships.ActiveStewardsAsync(connection, tx, c.Id) <= 1)
                return Problem.Conflict("A community always has a steward: make another member a steward first.");
            var requester = await connection.ExecuteScalarAsync<string>("SELECT user_name FROM users WHERE id = @Id", new { Id = change.RequestedBy }, tx);
            await ChangeRole.SetRoleAsync(connection, tx, c.Id, target.Id, target.UserName, change.FromRole, change.ToRole, stewardId, now,
                $"asked by {requester}, confirmed");
        }
        await connection.ExecuteAsync(
            "UPDATE steward_changes SET state = @State, decided_by = @Steward, decided_at = @Now WHERE id = @Id",
            new { State = decision == StewardDecision.Confirm ? nameof(StewardChangeState.Confirmed) : nameof(StewardChangeState.Declined), Steward = stewardId, Now = now, Id = id }, tx);
        if (decision == StewardDecision.Decline)
            await AuditLog.WriteAsync(connection, tx, c.Id, stewardId, "decline_steward_change", $"steward change #{id}", $"{change.FromRole} → {change.ToRole}", now);
        var view = (await StewardChanges.GetAsync(connection, tx, c.Id, id))!;
        await tx.CommitAsync(ct);
        return view;
    }

    private sealed record ChangeRow
    {
        public long Id { get; init; }
        public long TargetUserId { get; init; }
        public string FromRole { get; init; } = "";
        public string ToRole { get; init; } = "";
        public long RequestedBy { get; init; }
        public string State { get; init; } = "";
    }

    private sealed record TargetRow
    {
        public long Id { get; init; }
        public string Role { get; init; } = "";
        public string UserName { get; init; } = "";
    }
}
