using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Membership;

/// <summary>A member leaves; access ends at once. The last steward must hand stewardship on first.</summary>
public sealed class LeaveCommunity(Db db, TimeProvider clock)
{
    public async Task<Result<JoinOutcome>> HandleAsync(string slug, long userId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, userId, tx);
        if (c is null || !CommunityPermissions.MaySeeExistence(c)) return Problem.NotFound("No such community.");
        if (c.ViewerState == nameof(MembershipState.Requested))
        {
            await connection.ExecuteAsync(
                "DELETE FROM memberships WHERE community_id = @Id AND user_id = @UserId AND state = 'Requested'", new { c.Id, UserId = userId }, tx);
            await tx.CommitAsync(ct);
            return new JoinOutcome("None");
        }
        if (!c.IsActiveMember) return Problem.Conflict("You are not a member of this community.");
        if (c.IsSteward)
        {
            await Memberships.LockCommunityAsync(connection, tx, c.Id);
            if (await Memberships.ActiveStewardsAsync(connection, tx, c.Id) <= 1)
                return Problem.Conflict("You are the only steward: make another member a steward before leaving.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // Conditional on the state read above, so a second leave racing this one cannot count the member out twice.
        var rows = await connection.ExecuteAsync(
            "UPDATE memberships SET state = 'Left', role = 'Member', updated_at = @Now WHERE community_id = @Id AND user_id = @UserId AND state = 'Active'",
            new { c.Id, UserId = userId, Now = now }, tx);
        if (rows != 1) return Problem.Conflict("You are not a member of this community.");
        await Memberships.RecordLeaveAsync(connection, tx, c.Id, userId, now);
        await tx.CommitAsync(ct);
        return new JoinOutcome(nameof(MembershipState.Left));
    }
}
