using System.Data.Common;
using Dapper;
using Hearth.Features.Communities;

namespace Hearth.Features.Membership;

/// <summary>Bookkeeping shared by every way of becoming or ceasing to be a member.</summary>
public static class Memberships
{
    /// <summary>
    /// Writes the caller's own membership row in the given state, accepting <paramref name="rulesVersion"/>.
    /// A former member (Left, Declined) or a pending requester comes back through the same row, as an ordinary member.
    /// </summary>
    public static Task SaveAsync(DbConnection connection, DbTransaction tx, long communityId, long userId, MembershipState state, int rulesVersion, DateTime now)
    {
        var active = state == MembershipState.Active;
        return connection.ExecuteAsync("""
            INSERT INTO memberships (community_id, user_id, role, state, rules_version_accepted, rules_accepted_at, requested_at, joined_at, updated_at)
            VALUES (@CommunityId, @UserId, 'Member', @State, @Version, @Now, @Requested, @Joined, @Now)
            ON CONFLICT (community_id, user_id) DO UPDATE SET
                role = 'Member', state = excluded.state, rules_version_accepted = excluded.rules_version_accepted,
                rules_accepted_at = excluded.rules_accepted_at, requested_at = excluded.requested_at,
                joined_at = excluded.joined_at, updated_at = excluded.updated_at, decided_by = NULL
            """, new
        {
            CommunityId = communityId,
            UserId = userId,
            State = state.ToString(),
            Version = rulesVersion,
            Now = now,
            Requested = active ? (DateTime?)null : now,
            Joined = active ? now : (DateTime?)null,
        }, tx);
    }

    public static Task RecordJoinAsync(DbConnection connection, DbTransaction tx, long communityId, long userId, DateTime now) =>
        connection.ExecuteAsync("""
            UPDATE communities SET member_count = member_count + 1 WHERE id = @CommunityId;
            INSERT INTO activity_events (community_id, user_id, kind, created_at) VALUES (@CommunityId, @UserId, 'joined', @Now);
            """, new { CommunityId = communityId, UserId = userId, Now = now }, tx);

    public static Task RecordLeaveAsync(DbConnection connection, DbTransaction tx, long communityId, long userId, DateTime now, string kind = "left") =>
        connection.ExecuteAsync("""
            UPDATE communities SET member_count = member_count - 1 WHERE id = @CommunityId;
            INSERT INTO activity_events (community_id, user_id, kind, created_at) VALUES (@CommunityId, @UserId, @Kind, @Now);
            """, new { CommunityId = communityId, UserId = userId, Now = now, Kind = kind }, tx);

    /// <summary>
    /// Serialises changes to a community's stewardship. SQLite's write transaction already holds the database lock;
    /// on PostgreSQL two stewards leaving at once would each count the other and leave none, so the first takes
    /// the community row's lock and the second counts again after it commits.
    /// </summary>
    public static Task LockCommunityAsync(DbConnection connection, DbTransaction tx, long communityId) =>
        connection.ExecuteAsync("UPDATE communities SET member_count = member_count WHERE id = @CommunityId", new { CommunityId = communityId }, tx);

    public static Task<int> ActiveStewardsAsync(DbConnection connection, DbTransaction tx, long communityId) =>
        connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM memberships WHERE community_id = @CommunityId AND role = 'Steward' AND state = 'Active'",
            new { CommunityId = communityId }, tx);
}
