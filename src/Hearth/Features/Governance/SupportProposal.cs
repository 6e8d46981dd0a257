using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Governance;

/// <summary>
/// An active member supports a member's proposal, once; when the community's number of supporters is reached,
/// voting opens. The proposer's own support is taken for granted and not counted.
/// </summary>
public sealed class SupportProposal(Db db, TimeProvider clock, ProposalQueries queries)
{
    public async Task<Result<ProposalView>> HandleAsync(long id, long userId, CancellationToken ct = default)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await Db.BeginWriteAsync(connection);
            var p = await ProposalQueries.RowAsync(connection, tx, id, userId);
            if (p is null || !CommunityPermissions.MayRead(p.ToAccess())) return Problem.NotFound("No such proposal.");
            if (!p.ToAccess().IsActiveMember) return Problem.Forbidden("Only members support proposals: join the community first.");
            if (p.State != nameof(ProposalState.Gathering)) return Problem.Conflict("This proposal is not gathering support any more.");
            if (p.ProposerId == userId) return Problem.Conflict("Your own proposal has your support already; it needs other members'.");
            if (p.MySupport > 0) return Problem.Conflict("You support this proposal already.");

            var now = clock.GetUtcNow().UtcDateTime;
            try
            {
                await connection.ExecuteAsync("INSERT INTO proposal_supports (proposal_id, user_id, created_at) VALUES (@Id, @UserId, @Now)",
                    new { Id = id, UserId = userId, Now = now }, tx);
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e))
            {
                return Problem.Conflict("You support this proposal already.");
            }
            if (p.SupportCount + 1 >= p.SupportNeeded) await ProposalVoting.OpenAsync(connection, tx, id, now);
            await tx.CommitAsync(ct);
        }
        return (await queries.GetAsync(id, userId, ct))!;
    }
}
