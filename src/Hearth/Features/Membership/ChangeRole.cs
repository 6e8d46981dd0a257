using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Membership;

public sealed record ChangeRoleRequest(string? Role);

/// <summary>The member as they are now, or — when a second steward must confirm (Governance) — the pending change.</summary>
public sealed record RoleChange(MemberView Member, Governance.StewardChangeView? Pending = null);

/// <summary>
/// Stewards set an active member's role (Member, Moderator, Steward). Stewardship can be shared and handed on,
/// but never dropped: the last steward cannot be demoted. Every change is in the audit log. When the community's
/// governance asks for it, a change of stewardship waits for a second steward instead (Governance.StewardChanges).
/// </summary>
public sealed class ChangeRole(Db db, TimeProvider clock)
{
    private static readonly string[] Roles = Enum.GetNames<Role>();

    public async Task<Result<RoleChange>> HandleAsync(string slug, string userName, ChangeRoleRequest request, long actorId, CancellationToken ct = default)
    {
        // Names only: Enum.TryParse would also take "1" or "moderator".
        if (request.Role is null || !Roles.Contains(request.Role))
            return Problem.Field("role", "Role must be Member, Moderator or Steward.");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, actorId, tx);
        if (c is null || !CommunityPermissions.MaySeeExistence(c)) return Problem.NotFound("No such community.");
        if (!MembershipPermissions.MayChangeRoles(c)) return Problem.Forbidden("Only stewards change roles.");

        await Memberships.LockCommunityAsync(connection, tx, c.Id);
        var target = await connection.QuerySingleOrDefaultAsync<Target>("""
            SELECT m.id, m.user_id, u.user_name, u.display_name, m.role, m.joined_at
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.community_id = @CommunityId AND u.normalized_user_name = @Name AND m.state = 'Active'
            """, new { CommunityId = c.Id, Name = userName.Trim().ToUpperInvariant() }, tx);
        if (target is null) return Problem.NotFound("No such member.");
        if (target.Role == request.Role) return new RoleChange(target.View);

        if (target.Role == nameof(Role.Steward) && await Memberships.ActiveStewardsAsync(connection, tx, c.Id) <= 1)
            return Problem.Conflict("A community always has a steward: make another member a steward first.");

        var now = clock.GetUtcNow().UtcDateTime;
        if (Governance.StewardChanges.InvolvesStewardship(target.Role, request.Role)
            && await Governance.StewardChanges.NeedConfirmationAsync(connection, tx, c.Id, actorId))
        {
            var pending = await Governance.StewardChanges.RequestAsync(connection, tx, c, target.UserId, target.Role, request.Role, actorId, now);
            if (!pending.Ok) return pending.As<RoleChange>();
            await tx.CommitAsync(ct);
            return new RoleChange(target.View, pending.Value);
        }
        await SetRoleAsync(connection, tx, c.Id, target.Id, target.UserName, target.Role, request.Role, actorId, now);
        await tx.CommitAsync(ct);
        return new RoleChange(target.View with { Role = request.Role });
    }

    /// <summary>Writes a role change already checked (here, or by a second steward's confirmation) and its audit row.</summary>
    internal static async Task SetRoleAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long communityId,
        long membershipId, string userName, string fromRole, string toRole, long actorId, DateTime now, string? note = null)
    {
        await connection.ExecuteAsync(
            "UPDATE memberships SET role = @Role, updated_at = @Now WHERE id = @Id",
            new { Role = toRole, Now = now, Id = membershipId }, tx);
        await AuditLog.WriteAsync(connection, tx, communityId, actorId, "change_role", userName,
            note is null ? $"{fromRole} → {toRole}" : $"{fromRole} → {toRole} ({note})", now);
    }

    private sealed record Target
    {
        public long Id { get; init; }
        public long UserId { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
        public DateTime JoinedAt { get; init; }

        public MemberView View => new() { Id = Id, UserName = UserName, DisplayName = DisplayName, Role = Role, JoinedAt = JoinedAt };
    }
}
