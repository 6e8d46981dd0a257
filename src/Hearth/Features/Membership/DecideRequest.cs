using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Membership;

public enum Decision { Approve, Decline }

public sealed record RequestDecision(long Id, string UserName, string State);

/// <summary>
/// A steward or moderator approves or declines a request someone made to join. Only a request the person made
/// themselves can become a membership: this is never a way to add anyone else.
/// </summary>
public sealed class DecideRequest(Db db, TimeProvider clock)
{
    public async Task<Result<RequestDecision>> HandleAsync(string slug, long requestId, Decision decision, long actorId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, actorId, tx);
        if (c is null || !CommunityPermissions.MaySeeExistence(c)) return Problem.NotFound("No such community.");
        if (!MembershipPermissions.MayAdmit(c)) return Problem.Forbidden("Only stewards and moderators decide on requests.");

        var request = await connection.QuerySingleOrDefaultAsync<Pending>("""
            SELECT m.id, m.user_id, u.user_name FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.id = @Id AND m.community_id = @CommunityId AND m.state = 'Requested'
            """, new { Id = requestId, CommunityId = c.Id }, tx);
        if (request is null) return Problem.NotFound("No such request.");
        if (decision == Decision.Approve && c.Status != "Active") return Problem.Conflict("This community is archived and takes no new members.");

        var now = clock.GetUtcNow().UtcDateTime;
        var state = decision == Decision.Approve ? MembershipState.Active : MembershipState.Declined;
        // Conditional on the state, so two moderators deciding at once cannot both count the member in.
        var rows = await connection.ExecuteAsync("""
            UPDATE memberships SET state = @State, role = 'Member', joined_at = @Joined, decided_by = @Actor, updated_at = @Now
            WHERE id = @Id AND state = 'Requested'
            """, new { State = state.ToString(), Joined = decision == Decision.Approve ? now : (DateTime?)null, Actor = actorId, Now = now, request.Id }, tx);
        if (rows != 1) return Problem.NotFound("No such request.");
        if (decision == Decision.Approve)
        {
            await Memberships.RecordJoinAsync(connection, tx, c.Id, request.UserId, now);
            await Notifications.Notify.SendAsync(connection, tx,
                [new Notifications.NotificationDraft(request.UserId, "join_approved", $"Your request to join {c.Name} was approved: welcome!", $"/c/{c.Slug}", c.Id, ActorId: actorId)], now);
        }
        await AuditLog.WriteAsync(connection, tx, c.Id, actorId, decision == Decision.Approve ? "approve_member" : "decline_member", request.UserName, $"request {request.Id}", now);
        await tx.CommitAsync(ct);
        return new RequestDecision(request.Id, request.UserName, state.ToString());
    }

    private sealed record Pending
    {
        public long Id { get; init; }
        public long UserId { get; init; }
        public string UserName { get; init; } = "";
    }
}
