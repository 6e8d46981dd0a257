using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Governance;

/// <summary>Fields left null keep their current value.</summary>
public sealed record GovernanceSettingsRequest(int? VotingDays = null, int? QuorumPercent = null, int? ThresholdPercent = null, int? SupportNeeded = null,
    bool? StewardConfirmation = null);

/// <summary>
/// Stewards set how their community decides: the voting period, quorum, threshold, support a member's proposal
/// needs, and whether stewardship changes need a second steward. Votes already open keep the rules they opened with.
/// </summary>
public sealed class ChangeGovernanceSettings(Db db, TimeProvider clock)
{
    public async Task<Result<GovernanceSettings>> HandleAsync(string slug, GovernanceSettingsRequest request, long stewardId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, stewardId, tx);
        if (c is null || !CommunityPermissions.MaySeeExistence(c) || !CommunityPermissions.MayRead(c)) return Problem.NotFound("No such community.");
        if (!c.IsSteward) return Problem.Forbidden("Only stewards change how the community decides.");

        var validation = new Validation()
            .Check(request.VotingDays is null or >= GovernanceSettings.MinVotingDays and <= GovernanceSettings.MaxVotingDays, "votingDays",
                $"The voting period is {GovernanceSettings.MinVotingDays}–{GovernanceSettings.MaxVotingDays} days.")
            .Check(request.QuorumPercent is null or >= GovernanceSettings.MinQuorumPercent and <= GovernanceSettings.MaxQuorumPercent, "quorumPercent",
                $"The quorum is {GovernanceSettings.MinQuorumPercent}–{GovernanceSettings.MaxQuorumPercent} % of active members.")
            .Check(request.ThresholdPercent is null or >= GovernanceSettings.MinThresholdPercent and <= GovernanceSettings.MaxThresholdPercent, "thresholdPercent",
                $"The threshold is {GovernanceSettings.MinThresholdPercent}–{GovernanceSettings.MaxThresholdPercent} % of votes cast.")
            .Check(request.SupportNeeded is null or >= GovernanceSettings.MinSupportNeeded and <= GovernanceSettings.MaxSupportNeeded, "supportNeeded",
                $"The support needed is {GovernanceSettings.MinSupportNeeded}–{GovernanceSettings.MaxSupportNeeded} members.");
        if (validation.Problem is { } invalid) return invalid;

        var current = await GovernanceSettings.LoadAsync(connection, tx, c.Id);
        var settings = new GovernanceSettings
        {
            VotingDays = request.VotingDays ?? current.VotingDays,
            QuorumPercent = request.QuorumPercent ?? current.QuorumPercent,
            ThresholdPercent = request.ThresholdPercent ?? current.ThresholdPercent,
            SupportNeeded = request.SupportNeeded ?? current.SupportNeeded,
            StewardConfirmation = request.StewardConfirmation ?? current.StewardConfirmation,
        };
        var now = clock.GetUtcNow().UtcDateTime;
        await connection.ExecuteAsync("""
            INSERT INTO governance_settings (community_id, voting_days, quorum_percent, threshold_percent, support_needed, steward_confirmation, updated_by, updated_at)
            VALUES (@CommunityId, @VotingDays, @QuorumPercent, @ThresholdPercent, @SupportNeeded, @StewardConfirmation, @Steward, @Now)
            ON CONFLICT (community_id) DO UPDATE SET
                voting_days = excluded.voting_days, quorum_percent = excluded.quorum_percent, threshold_percent = excluded.threshold_percent,
                support_needed = excluded.support_needed, steward_confirmation = excluded.steward_confirmation,
                updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, new
        {
            CommunityId = c.Id,
            settings.VotingDays,
            settings.QuorumPercent,
            settings.ThresholdPercent,
            settings.SupportNeeded,
            settings.StewardConfirmation,
            Steward = stewardId,
            Now = now,
        }, tx);
        await AuditLog.WriteAsync(connection, tx, c.Id, stewardId, "change_governance", c.Slug,
            $"{settings.VotingDays} days, quorum {settings.QuorumPercent} %, threshold {settings.ThresholdPercent} %, support {settings.SupportNeeded}, " +
            $"steward confirmation {(settings.StewardConfirmation ? "on" : "off")}", now);
        await tx.CommitAsync(ct);
        return settings;
    }
}
