using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Membership;

public sealed record JoinRequest(int? AcceptRulesVersion);

public sealed record JoinOutcome(string State);

/// <summary>
/// A person joins by their own action, accepting the current rules: at once where joining is Open,
/// as a request for stewards to approve where it needs Approval. Invitation-only communities need an invitation.
/// </summary>
public sealed class JoinCommunity(Db db, TimeProvider clock)
{
    public async Task<Result<JoinOutcome>> HandleAsync(string slug, JoinRequest request, long userId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = Db.BeginWrite(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, userId, tx);
        if (c is null || !CommunityPermissions.MaySeeExistence(c)) return Problem.NotFound("No such community.");
        if (request.AcceptRulesVersion is null)
            return Problem.Field("acceptRulesVersion", "Accept the community's rules: send the rules version you read.");
        if (request.AcceptRulesVersion != c.RulesVersion)
            return Problem.Conflict($"The rules have changed; read version {c.RulesVersion} and accept it.");
        if (c.Status != "Active") return Problem.Conflict("This community is archived and takes no new members.");

        switch (c.ViewerState)
        {
            case nameof(MembershipState.Active): return new JoinOutcome(c.ViewerState);
            case nameof(MembershipState.Requested): return new JoinOutcome(c.ViewerState);
            case nameof(MembershipState.Banned): return Problem.Forbidden("You are banned from this community.");
        }

        var state = c.JoinPolicy switch
        {
            nameof(JoinPolicy.Open) => MembershipState.Active,
            nameof(JoinPolicy.Approval) => MembershipState.Requested,
            _ => (MembershipState?)null,
        };
        if (state is null) return Problem.Forbidden("This community is joined by invitation only.");

        var now = clock.GetUtcNow().UtcDateTime;
        var active = state == MembershipState.Active;
        // A former member (Left, Declined) comes back through the same row, as an ordinary member.
        await connection.ExecuteAsync("""
            INSERT INTO memberships (community_id, user_id, role, state, rules_version_accepted, rules_accepted_at, requested_at, joined_at, updated_at)
            VALUES (@CommunityId, @UserId, 'Member', @State, @Version, @Now, @Requested, @Joined, @Now)
            ON CONFLICT (community_id, user_id) DO UPDATE SET
                role = 'Member', state = excluded.state, rules_version_accepted = excluded.rules_version_accepted,
                rules_accepted_at = excluded.rules_accepted_at, requested_at = excluded.requested_at,
                joined_at = excluded.joined_at, updated_at = excluded.updated_at, decided_by = NULL
            """, new
        {
            CommunityId = c.Id, UserId = userId, State = state.ToString(), Version = c.RulesVersion, Now = now,
            Requested = active ? (DateTime?)null : now, Joined = active ? now : (DateTime?)null,
        }, tx);
        if (active) await Memberships.RecordJoinAsync(connection, tx, c.Id, userId, now);
        await tx.CommitAsync(ct);
        return new JoinOutcome(state.ToString()!);
    }
}

/// <summary>Bookkeeping shared by every way of becoming or ceasing to be a member.</summary>
public static class Memberships
{
    public static Task RecordJoinAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long communityId, long userId, DateTime now) =>
        connection.ExecuteAsync("""
            UPDATE communities SET member_count = member_count + 1 WHERE id = @CommunityId;
            INSERT INTO activity_events (community_id, user_id, kind, created_at) VALUES (@CommunityId, @UserId, 'joined', @Now);
            """, new { CommunityId = communityId, UserId = userId, Now = now }, tx);

    public static Task RecordLeaveAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long communityId, long userId, DateTime now, string kind = "left") =>
        connection.ExecuteAsync("""
            UPDATE communities SET member_count = member_count - 1 WHERE id = @CommunityId;
            INSERT INTO activity_events (community_id, user_id, kind, created_at) VALUES (@CommunityId, @UserId, @Kind, @Now);
            """, new { CommunityId = communityId, UserId = userId, Now = now, Kind = kind }, tx);
}
