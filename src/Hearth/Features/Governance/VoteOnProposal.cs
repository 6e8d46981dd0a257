using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Governance;

public sealed record ProposalVoteRequest(string? Vote);

/// <summary>
/// An active member votes Yes or No on an open proposal, once: a vote is final, like a ballot in the box. Votes are
/// taken until the period ends, even if the closing pass has not run yet.
/// </summary>
public sealed class VoteOnProposal(Db db, TimeProvider clock, ProposalQueries queries)
{
    private static readonly string[] Choices = Enum.GetNames<VoteChoice>();

    public async Task<Result<ProposalView>> HandleAsync(long id, ProposalVoteRequest request, long voterId, CancellationToken ct = default)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await Db.BeginWriteAsync(connection);
            var p = await ProposalQueries.RowAsync(connection, tx, id, voterId);
            if (p is null || !CommunityPermissions.MayRead(p.ToAccess())) return Problem.NotFound("No such proposal.");
            if (!p.ToAccess().IsActiveMember) return Problem.Forbidden("Only members vote: join the community first.");
            // Names only, as for roles: Enum.TryParse would also take "0" or "yes".
            if (request.Vote is null || !Choices.Contains(request.Vote)) return Problem.Field("vote", "Vote must be Yes or No.");

            var now = clock.GetUtcNow().UtcDateTime;
            if (p.State == nameof(ProposalState.Gathering))
                return Problem.Conflict("This proposal is still gathering support; voting opens when enough members support it.");
            if (p.State != nameof(ProposalState.Open) || p.EndsAt <= now) return Problem.Conflict("Voting on this proposal has ended.");
            if (p.MyVote is not null) return Problem.Conflict("You have voted on this proposal already; a vote is final.");
            try
            {
                await connection.ExecuteAsync("INSERT INTO proposal_votes (proposal_id, user_id, vote, created_at) VALUES (@Id, @UserId, @Vote, @Now)",
                    new { Id = id, UserId = voterId, request.Vote, Now = now }, tx);
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e))
            {
                return Problem.Conflict("You have voted on this proposal already; a vote is final.");
            }
            await tx.CommitAsync(ct);
        }
        return (await queries.GetAsync(id, voterId, ct))!;
    }
}
