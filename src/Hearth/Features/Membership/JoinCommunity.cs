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
        await using var tx = await Db.BeginWriteAsync(connection);
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
        await Memberships.SaveAsync(connection, tx, c.Id, userId, state.Value, c.RulesVersion, now);
        if (active) await Memberships.RecordJoinAsync(connection, tx, c.Id, userId, now);
        else await NotifyAdmittersAsync(connection, tx, c, userId, now);
        await tx.CommitAsync(ct);
        return new JoinOutcome(state.ToString()!);
    }

    /// <summary>Stewards and moderators hear of a request waiting for them.</summary>
    private static async Task NotifyAdmittersAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, CommunityAccess c, long userId, DateTime now)
    {
        var admitters = await Dapper.SqlMapper.QueryAsync<long>(connection,
            "SELECT user_id FROM memberships WHERE community_id = @CommunityId AND state = 'Active' AND role IN ('Steward', 'Moderator')", new { CommunityId = c.Id }, tx);
        var name = await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT display_name FROM users WHERE id = @Id", new { Id = userId }, tx);
        await Notifications.Notify.SendAsync(connection, tx, admitters.Select(a => new Notifications.NotificationDraft(a, "join_request",
            $"{name} asks to join {c.Name}.", $"/c/{c.Slug}/members", c.Id, ActorId: userId)), now);
    }
}
