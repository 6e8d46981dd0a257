using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Membership;
using Hearth.Platform.Data;

namespace Hearth.Features.Governance;

/// <summary>
/// Closes proposals whose voting period has ended, each exactly once on any number of nodes: the proposal is
/// claimed <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL (SQLite's write lock serialises nodes), decided, applied and
/// marked closed in one transaction with the notifications. Passed when the votes of active members reach the quorum
/// and the Yes share beats the threshold (<see cref="Tally"/>); the change is then applied through
/// <see cref="EditCommunity.ApplyAsync"/>, only the proposal's own fields, as a new charter version where the charter
/// changes. Run by the <see cref="Notifications.Scheduler"/>; tests call <see cref="RunOnceAsync"/>.
/// </summary>
public sealed class CloseProposals(Db db, TimeProvider clock, ILogger<CloseProposals> logger)
{
    /// <summary>Closes every proposal that is due; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var closed = 0;
        while (await CloseOnceAsync(ct)) closed++;
        return closed;
    }

    private async Task<bool> CloseOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await db.OpenBackgroundAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var due = await connection.QuerySingleOrDefaultAsync<DueRow>($"""
            SELECT id, community_id FROM proposals
            WHERE state = 'Open' AND ends_at <= @Now
            ORDER BY ends_at, id
            LIMIT 1
            {(db.IsSqlite ? "" : "FOR UPDATE SKIP LOCKED")}
            """, new { Now = now }, tx);
        if (due is null) return false;
        // Serialises with a steward's edit and with members joining or leaving, so the count and the charter are current.
        await Memberships.LockCommunityAsync(connection, tx, due.CommunityId);
        var p = (await ProposalQueries.RowAsync(connection, tx, due.Id, null))!;

        var quorumNeeded = Tally.QuorumNeeded(p.ActiveMembers, p.QuorumPercent ?? GovernanceSettings.DefaultQuorumPercent);
        var outcome = Tally.Decide(p.LiveYes, p.LiveNo, quorumNeeded, p.ThresholdPercent ?? GovernanceSettings.DefaultThresholdPercent);
        int? version = null;
        var change = p.Change;
        if (outcome == ProposalOutcome.Passed)
        {
            var access = (await CommunityAccessQuery.ByIdAsync(connection, p.CommunityId, p.ProposerId, tx))!;
            var applied = await EditCommunity.ApplyAsync(connection, tx, access, new EditCommunityRequest(
                Purpose: change.Purpose, Values: change.Values, Rules: change.Rules, Visibility: change.Visibility, JoinPolicy: change.JoinPolicy),
                p.ProposerId, now, p.Id);
            if (applied.Ok)
            {
                if (applied.Value > access.RulesVersion) version = applied.Value;
            }
            else
            {
                logger.LogWarning("Proposal {Id} passed but could not be applied: {Reason}", p.Id, applied.Message);
                outcome = ProposalOutcome.NotApplicable;
            }
        }
        var passed = outcome == ProposalOutcome.Passed;
        var rows = await connection.ExecuteAsync("""
            UPDATE proposals SET state = @State, outcome = @Outcome, closed_at = @Now, eligible_voters = @Members, quorum_needed = @QuorumNeeded,
                yes_votes = @Yes, no_votes = @No, applied_version = @Version,
                before_purpose = CASE WHEN @Passed AND change_purpose IS NOT NULL THEN @Purpose ELSE before_purpose END,
                before_values = CASE WHEN @Passed AND change_values IS NOT NULL THEN @Values ELSE before_values END,
                before_rules = CASE WHEN @Passed AND change_rules IS NOT NULL THEN @Rules ELSE before_rules END,
                before_visibility = CASE WHEN @Passed AND change_visibility IS NOT NULL THEN @Visibility ELSE before_visibility END,
                before_join_policy = CASE WHEN @Passed AND change_join_policy IS NOT NULL THEN @JoinPolicy ELSE before_join_policy END
            WHERE id = @Id AND state = 'Open'
            """, new
        {
            State = passed ? nameof(ProposalState.Passed) : nameof(ProposalState.Failed),
            Outcome = outcome.ToString(),
            Now = now,
            Members = p.ActiveMembers,
            QuorumNeeded = quorumNeeded,
            Yes = p.LiveYes,
            No = p.LiveNo,
            Version = version,
            Passed = passed,
            // What the change replaced, read with the proposal before it was applied.
            Purpose = p.CurrentPurpose,
            Values = p.CurrentValues,
            Rules = p.CurrentRules,
            p.Visibility,
            p.JoinPolicy,
            p.Id,
        }, tx);
        if (rows == 1)
        {
            var closed = p with
            {
                State = passed ? nameof(ProposalState.Passed) : nameof(ProposalState.Failed),
                Outcome = outcome.ToString(),
                EligibleVoters = p.ActiveMembers,
                QuorumNeeded = quorumNeeded,
                YesVotes = p.LiveYes,
                NoVotes = p.LiveNo,
                AppliedVersion = version,
            };
            var summary = closed.View(null, now).Summary;
            var url = ProposalQueries.UrlOf(p.CommunitySlug, p.Id);
            if (passed)
                await ProposalNotices.ToMembersAsync(connection, tx, p.CommunityId, "proposal_passed",
                    $"The members of {p.CommunityName} voted “{p.Title}” in: its {change.Describe()} changed" +
                    (version is { } v ? $" (charter version {v})." : ".") + $" {summary}", url, null, email: true, now);
            else
                await ProposalNotices.ToParticipantsAsync(connection, tx, p.CommunityId, p.Id, "proposal_failed",
                    $"“{p.Title}” in {p.CommunityName} did not pass, so nothing changes. {summary}", url, null, now);
            await AuditLog.WriteAsync(connection, tx, p.CommunityId, p.ProposerId, "close_proposal", $"proposal #{p.Id}", summary, now);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    private sealed record DueRow
    {
        public long Id { get; init; }
        public long CommunityId { get; init; }
    }
}
