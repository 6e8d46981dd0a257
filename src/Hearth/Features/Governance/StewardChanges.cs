using System.Data.Common;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Governance;

public enum StewardChangeState { Pending, Confirmed, Declined }

/// <summary>A change of stewardship waiting for (or decided by) a second steward.</summary>
public sealed record StewardChangeView
{
    public long Id { get; init; }
    public string CommunitySlug { get; init; } = "";
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string FromRole { get; init; } = "";
    public string ToRole { get; init; } = "";
    public string RequestedBy { get; init; } = "";
    public string State { get; init; } = "";
    public string? DecidedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? DecidedAt { get; init; }
}

/// <summary>
/// Plural stewardship: with the community's confirmation setting on, making someone a steward or unmaking one
/// (through <see cref="Membership.ChangeRole"/>) waits for a second steward. A community whose only steward is the
/// one asking has nobody to confirm, so there the change applies at once — otherwise a lone steward could never
/// share the role.
/// </summary>
public static class StewardChanges
{
    private const string Select = """
        SELECT sc.id, c.slug AS community_slug, u.user_name, u.display_name, sc.from_role, sc.to_role, r.user_name AS requested_by,
               sc.state, d.user_name AS decided_by, sc.created_at, sc.decided_at
        FROM steward_changes sc
        JOIN communities c ON c.id = sc.community_id
        JOIN users u ON u.id = sc.target_user_id
        JOIN users r ON r.id = sc.requested_by
        LEFT JOIN users d ON d.id = sc.decided_by
        """;

    public static bool InvolvesStewardship(string fromRole, string toRole) =>
        fromRole == nameof(Role.Steward) || toRole == nameof(Role.Steward);

    /// <summary>Whether this change must wait: the setting is on and another active steward exists to confirm it.</summary>
    public static async Task<bool> NeedConfirmationAsync(DbConnection connection, DbTransaction tx, long communityId, long actorId)
    {
        if (!(await GovernanceSettings.LoadAsync(connection, tx, communityId)).StewardConfirmation) return false;
        return await connection.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM memberships WHERE community_id = @CommunityId AND role = 'Steward' AND state = 'Active' AND user_id <> @Actor
            """, new { CommunityId = communityId, Actor = actorId }, tx) > 0;
    }

    /// <summary>Records the request (one pending per member) and tells the other stewards; the caller commits.</summary>
    public static async Task<Result<StewardChangeView>> RequestAsync(DbConnection connection, DbTransaction tx, CommunityAccess c,
        long targetUserId, string fromRole, string toRole, long actorId, DateTime now)
    {
        var pending = await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM steward_changes WHERE community_id = @CommunityId AND target_user_id = @Target AND state = 'Pending'",
            new { CommunityId = c.Id, Target = targetUserId }, tx);
        if (pending > 0) return Problem.Conflict("A change of this member's role already waits for a steward's confirmation.");
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO steward_changes (community_id, target_user_id, from_role, to_role, requested_by, state, created_at)
            VALUES (@CommunityId, @Target, @FromRole, @ToRole, @Actor, 'Pending', @Now)
            RETURNING id
            """, new { CommunityId = c.Id, Target = targetUserId, FromRole = fromRole, ToRole = toRole, Actor = actorId, Now = now }, tx);
        var view = (await GetAsync(connection, tx, c.Id, id))!;
        await AuditLog.WriteAsync(connection, tx, c.Id, actorId, "request_steward_change", view.UserName, $"{fromRole} → {toRole}, awaiting a second steward", now);
        var stewards = await connection.QueryAsync<long>(
            "SELECT user_id FROM memberships WHERE community_id = @CommunityId AND role = 'Steward' AND state = 'Active'", new { CommunityId = c.Id }, tx);
        await Notify.SendAsync(connection, tx, stewards.Select(s => new NotificationDraft(s, "steward_change",
            $"{view.RequestedBy} asks to change {view.DisplayName}'s role in {c.Name} from {fromRole} to {toRole}; a second steward confirms or declines it.",
            $"/c/{c.Slug}/governance#steward-changes", c.Id, ActorId: actorId)), now);
        return view;
    }

    public static Task<StewardChangeView?> GetAsync(DbConnection connection, DbTransaction? tx, long communityId, long id) =>
        connection.QuerySingleOrDefaultAsync<StewardChangeView>($"{Select} WHERE sc.community_id = @CommunityId AND sc.id = @Id",
            new { CommunityId = communityId, Id = id }, tx);

    public static async Task<IReadOnlyList<StewardChangeView>> PendingAsync(DbConnection connection, long communityId) =>
        [.. await connection.QueryAsync<StewardChangeView>($"{Select} WHERE sc.community_id = @CommunityId AND sc.state = 'Pending' ORDER BY sc.id",
            new { CommunityId = communityId })];
}
