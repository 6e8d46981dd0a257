using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Governance;

/// <summary>The proposer withdraws their proposal before it closes; nothing changes, and whoever took part is told.</summary>
public sealed class WithdrawProposal(Db db, TimeProvider clock, ProposalQueries queries)
{
    public async Task<Result<ProposalView>> HandleAsync(long id, long userId, CancellationToken ct = default)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await Db.BeginWriteAsync(connection);
            var p = await ProposalQueries.RowAsync(connection, tx, id, userId);
            if (p is null || !CommunityPermissions.MayRead(p.ToAccess())) return Problem.NotFound("No such proposal.");
            if (p.ProposerId != userId) return Problem.Forbidden("Only the proposer withdraws a proposal.");
            if (p.IsClosed) return Problem.Conflict("This proposal is closed already.");

            var now = clock.GetUtcNow().UtcDateTime;
            var rows = await connection.ExecuteAsync("""
                UPDATE proposals SET state = 'Withdrawn', outcome = 'Withdrawn', closed_at = @Now
                WHERE id = @Id AND state IN ('Gathering', 'Open')
                """, new { Id = id, Now = now }, tx);
            if (rows != 1) return Problem.Conflict("This proposal is closed already.");
            await AuditLog.WriteAsync(connection, tx, p.CommunityId, userId, "withdraw_proposal", $"proposal #{id}", p.Title, now);
            await ProposalNotices.ToParticipantsAsync(connection, tx, p.CommunityId, id, "proposal_withdrawn",
                $"“{p.Title}” in {p.CommunityName} was withdrawn by its proposer; nothing changes.", ProposalQueries.UrlOf(p.CommunitySlug, id), userId, now);
            await tx.CommitAsync(ct);
        }
        return (await queries.GetAsync(id, userId, ct))!;
    }
}
