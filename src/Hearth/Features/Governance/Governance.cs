using System.Data.Common;
using Dapper;

namespace Hearth.Features.Governance;

/// <summary>
/// Gathering: a member's proposal waiting for enough supporters. Open: members vote until ends_at. Passed, Failed
/// and Withdrawn are final.
/// </summary>
public enum ProposalState { Gathering, Open, Passed, Failed, Withdrawn }

/// <summary>Why a closed proposal ended as it did.</summary>
public enum ProposalOutcome { Passed, NoQuorum, NotEnoughYes, NotApplicable, Withdrawn }

public enum VoteChoice { Yes, No }

/// <summary>
/// A community's rules for deciding by vote, with the defaults and bounds of every setting (Discourse's typed
/// settings registry, in small). A community that never changed them has the defaults and no row.
/// </summary>
public sealed record GovernanceSettings
{
    public const int DefaultVotingDays = 7, MinVotingDays = 1, MaxVotingDays = 60;
    public const int DefaultQuorumPercent = 20, MinQuorumPercent = 1, MaxQuorumPercent = 100;
    public const int DefaultThresholdPercent = 50, MinThresholdPercent = 50, MaxThresholdPercent = 100;
    public const int DefaultSupportNeeded = 3, MinSupportNeeded = 0, MaxSupportNeeded = 1_000;

    /// <summary>How long voting stays open, in days.</summary>
    public int VotingDays { get; init; } = DefaultVotingDays;

    /// <summary>The share of active members who must vote, in percent (rounded up to whole members).</summary>
    public int QuorumPercent { get; init; } = DefaultQuorumPercent;

    /// <summary>The share of Yes among votes cast that must be exceeded to pass; 100 means every vote Yes.</summary>
    public int ThresholdPercent { get; init; } = DefaultThresholdPercent;

    /// <summary>Members (other than the proposer) who must support a member's proposal before voting opens; 0 opens it at once.</summary>
    public int SupportNeeded { get; init; } = DefaultSupportNeeded;

    /// <summary>Whether making or unmaking a steward waits for a second steward's confirmation.</summary>
    public bool StewardConfirmation { get; init; }

    public static readonly GovernanceSettings Defaults = new();

    public static async Task<GovernanceSettings> LoadAsync(DbConnection connection, DbTransaction? tx, long communityId) =>
        await connection.QuerySingleOrDefaultAsync<GovernanceSettings>("""
            SELECT voting_days, quorum_percent, threshold_percent, support_needed, steward_confirmation
            FROM governance_settings WHERE community_id = @CommunityId
            """, new { CommunityId = communityId }, tx) ?? Defaults;
}

/// <summary>The arithmetic of a vote, in one place for the closing pass, the API and the pages.</summary>
public static class Tally
{
    /// <summary>Votes needed for quorum: the quorum share of active members, rounded up (at least one vote).</summary>
    public static int QuorumNeeded(int activeMembers, int quorumPercent) =>
        Math.Max(1, (int)Math.Ceiling(activeMembers * quorumPercent / 100.0));

    /// <summary>
    /// More than the threshold share of votes cast are Yes (50 → a strict majority); at 100 "more than" cannot be met,
    /// so it means every vote cast is Yes. Integer arithmetic, so 2 of 3 against 66 % is exact.
    /// </summary>
    public static bool EnoughYes(int yes, int no, int thresholdPercent) =>
        yes + no > 0 && (thresholdPercent >= 100 ? no == 0 : yes * 100 > thresholdPercent * (yes + no));

    public static ProposalOutcome Decide(int yes, int no, int quorumNeeded, int thresholdPercent) =>
        yes + no < quorumNeeded ? ProposalOutcome.NoQuorum
        : !EnoughYes(yes, no, thresholdPercent) ? ProposalOutcome.NotEnoughYes
        : ProposalOutcome.Passed;
}
