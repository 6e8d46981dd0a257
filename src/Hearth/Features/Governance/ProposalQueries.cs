using System.Data.Common;
using System.Globalization;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Web;

namespace Hearth.Features.Governance;

/// <summary>What a proposal would change; a null field is not part of it.</summary>
public sealed record ProposalChange(string? Purpose = null, string? Values = null, string? Rules = null, string? Visibility = null, string? JoinPolicy = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Purpose is null && Values is null && Rules is null && Visibility is null && JoinPolicy is null;

    /// <summary>The fields it names, in the order of the charter, for sentences like "purpose and rules".</summary>
    public IReadOnlyList<string> Fields =>
    [
        .. new (string Name, string? Value)[] { ("purpose", Purpose), ("values", Values), ("rules", Rules), ("visibility", Visibility), ("join policy", JoinPolicy) }
            .Where(f => f.Value is not null).Select(f => f.Name),
    ];

    public string Describe() => Fields.Count switch
    {
        0 => "nothing",
        1 => Fields[0],
        _ => string.Join(", ", Fields.Take(Fields.Count - 1)) + " and " + Fields[^1],
    };
}

/// <summary>
/// A proposal as members see it. Before: the values the change replaces — the community's current ones while it is
/// undecided, the ones it actually replaced once it passed. Counts are of votes by people who are active members
/// now (a member who left no longer decides); once closed, the counts and the rules as they were at the close.
/// </summary>
public sealed record ProposalView
{
    public long Id { get; init; }
    public string CommunitySlug { get; init; } = "";
    public string CommunityName { get; init; } = "";
    public string Title { get; init; } = "";
    public string State { get; init; } = "";
    public string? Outcome { get; init; }
    public string Summary { get; init; } = "";
    public string Proposer { get; init; } = "";
    public string ProposerName { get; init; } = "";
    public ProposalChange Change { get; init; } = new();
    public ProposalChange Before { get; init; } = new();
    public int SupportNeeded { get; init; }
    public int SupportCount { get; init; }
    public bool MySupport { get; init; }
    public int VotingDays { get; init; }
    public int QuorumPercent { get; init; }
    public int ThresholdPercent { get; init; }
    public int ActiveMembers { get; init; }
    public int QuorumNeeded { get; init; }
    public int Yes { get; init; }
    public int No { get; init; }
    public int VotesCast => Yes + No;
    public string? MyVote { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? OpenedAt { get; init; }
    public DateTime? EndsAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public long? TopicId { get; init; }
    public string? TopicUrl { get; init; }
    public int? AppliedVersion { get; init; }
    public string Url { get; init; } = "";

    /// <summary>Open, its period not yet over: votes are taken.</summary>
    public bool VotingOpen { get; init; }
    public bool MayVote { get; init; }
    public bool MaySupport { get; init; }
    public bool MayWithdraw { get; init; }
}

/// <summary>Read side of proposals. A proposal is readable by whoever may read its community's content.</summary>
public sealed class ProposalQueries(Db db, TimeProvider clock)
{
    internal const string Select = """
        SELECT p.id, p.community_id, p.proposer_id, p.title, p.state, p.outcome, p.topic_id, p.support_needed,
               p.change_purpose, p.change_values, p.change_rules, p.change_visibility, p.change_join_policy,
               p.before_purpose, p.before_values, p.before_rules, p.before_visibility, p.before_join_policy,
               p.voting_days, p.quorum_percent, p.threshold_percent, p.eligible_voters, p.quorum_needed, p.yes_votes, p.no_votes,
               p.applied_version, p.created_at, p.opened_at, p.ends_at, p.closed_at,
               c.slug AS community_slug, c.name AS community_name, c.kind AS community_kind, c.domain, c.visibility, c.join_policy,
               c.status, c.rules_version, c.member_count, m.role AS viewer_role, m.state AS viewer_state,
               c.purpose AS current_purpose, c.values_statement AS current_values, c.rules AS current_rules,
               u.user_name AS proposer, u.display_name AS proposer_name, t.slug AS topic_slug,
               g.voting_days AS settings_voting_days, g.quorum_percent AS settings_quorum_percent, g.threshold_percent AS settings_threshold_percent,
               (SELECT COUNT(*) FROM memberships am WHERE am.community_id = p.community_id AND am.state = 'Active') AS active_members,
               (SELECT COUNT(*) FROM proposal_supports s WHERE s.proposal_id = p.id) AS support_count,
               (SELECT COUNT(*) FROM proposal_votes v JOIN memberships vm ON vm.community_id = p.community_id AND vm.user_id = v.user_id AND vm.state = 'Active'
                WHERE v.proposal_id = p.id AND v.vote = 'Yes') AS live_yes,
               (SELECT COUNT(*) FROM proposal_votes v JOIN memberships vm ON vm.community_id = p.community_id AND vm.user_id = v.user_id AND vm.state = 'Active'
                WHERE v.proposal_id = p.id AND v.vote = 'No') AS live_no,
               (SELECT v.vote FROM proposal_votes v WHERE v.proposal_id = p.id AND v.user_id = @Viewer) AS my_vote,
               (SELECT COUNT(*) FROM proposal_supports s WHERE s.proposal_id = p.id AND s.user_id = @Viewer) AS my_support
        FROM proposals p
        JOIN communities c ON c.id = p.community_id
        JOIN users u ON u.id = p.proposer_id
        LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = @Viewer
        LEFT JOIN topics t ON t.id = p.topic_id
        LEFT JOIN governance_settings g ON g.community_id = c.id
        """;

    /// <summary>One proposal, or null when it does not exist or the viewer may not read its community.</summary>
    public async Task<ProposalView?> GetAsync(long id, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await RowAsync(connection, null, id, viewer);
        return row is null || !CommunityPermissions.MayRead(row.ToAccess()) ? null : row.View(viewer, clock.GetUtcNow().UtcDateTime);
    }

    internal static Task<ProposalRow?> RowAsync(DbConnection connection, DbTransaction? tx, long id, long? viewer) =>
        connection.QuerySingleOrDefaultAsync<ProposalRow>($"{Select} WHERE p.id = @Id", new { Id = id, Viewer = viewer ?? 0 }, tx);

    /// <summary>A community's proposals, newest first, keyset on id; the caller has checked the viewer may read the community.</summary>
    public async Task<Page<ProposalView>?> ListAsync(long communityId, long? viewer, string? cursor, int? limit, CancellationToken ct = default)
    {
        var after = Page.Decode(cursor);
        long afterId = 0;
        if (after is null || (after.Length != 0 && (after.Length != 1 || !long.TryParse(after[0], NumberStyles.None, CultureInfo.InvariantCulture, out afterId)))) return null;
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<ProposalRow>($"""
            {Select}
            WHERE p.community_id = @CommunityId {(afterId > 0 ? "AND p.id < @AfterId" : "")}
            ORDER BY p.id DESC
            LIMIT @Take
            """, new { CommunityId = communityId, Viewer = viewer ?? 0, AfterId = afterId, Take = take + 1 })).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        return Page.Keyset([.. rows.Select(r => r.View(viewer, now))], take, p => p.Id.ToString(CultureInfo.InvariantCulture));
    }

    public static string UrlOf(string communitySlug, long id) => $"/c/{communitySlug}/proposals/{id}";
}

internal sealed record ProposalRow : ICommunityAccessRow
{
    public long Id { get; init; }
    public long CommunityId { get; init; }
    public long ProposerId { get; init; }
    public string Title { get; init; } = "";
    public string State { get; init; } = "";
    public string? Outcome { get; init; }
    public long? TopicId { get; init; }
    public string? TopicSlug { get; init; }
    public int SupportNeeded { get; init; }
    public string? ChangePurpose { get; init; }
    public string? ChangeValues { get; init; }
    public string? ChangeRules { get; init; }
    public string? ChangeVisibility { get; init; }
    public string? ChangeJoinPolicy { get; init; }
    public string? BeforePurpose { get; init; }
    public string? BeforeValues { get; init; }
    public string? BeforeRules { get; init; }
    public string? BeforeVisibility { get; init; }
    public string? BeforeJoinPolicy { get; init; }
    public int? VotingDays { get; init; }
    public int? QuorumPercent { get; init; }
    public int? ThresholdPercent { get; init; }
    public int? EligibleVoters { get; init; }
    public int? QuorumNeeded { get; init; }
    public int? YesVotes { get; init; }
    public int? NoVotes { get; init; }
    public int? AppliedVersion { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? OpenedAt { get; init; }
    public DateTime? EndsAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public string CommunitySlug { get; init; } = "";
    public string CommunityName { get; init; } = "";
    public string CommunityKind { get; init; } = "";
    public string? Domain { get; init; }
    public string Visibility { get; init; } = "";
    public string JoinPolicy { get; init; } = "";
    public string Status { get; init; } = "";
    public int RulesVersion { get; init; }
    public int MemberCount { get; init; }
    public string? ViewerRole { get; init; }
    public string? ViewerState { get; init; }
    public string CurrentPurpose { get; init; } = "";
    public string CurrentValues { get; init; } = "";
    public string CurrentRules { get; init; } = "";
    public string Proposer { get; init; } = "";
    public string ProposerName { get; init; } = "";
    public int? SettingsVotingDays { get; init; }
    public int? SettingsQuorumPercent { get; init; }
    public int? SettingsThresholdPercent { get; init; }
    public int ActiveMembers { get; init; }
    public int SupportCount { get; init; }
    public int LiveYes { get; init; }
    public int LiveNo { get; init; }
    public string? MyVote { get; init; }
    public int MySupport { get; init; }

    public bool IsClosed => State is nameof(ProposalState.Passed) or nameof(ProposalState.Failed) or nameof(ProposalState.Withdrawn);

    public ProposalChange Change => new(ChangePurpose, ChangeValues, ChangeRules, ChangeVisibility, ChangeJoinPolicy);

    public ProposalView View(long? viewer, DateTime now)
    {
        var access = this.ToAccess();
        var closed = IsClosed;
        var counted = closed && YesVotes is not null;
        var yes = counted ? YesVotes!.Value : LiveYes;
        var no = counted ? NoVotes!.Value : LiveNo;
        var quorumPercent = QuorumPercent ?? SettingsQuorumPercent ?? GovernanceSettings.DefaultQuorumPercent;
        var threshold = ThresholdPercent ?? SettingsThresholdPercent ?? GovernanceSettings.DefaultThresholdPercent;
        var members = closed && EligibleVoters is not null ? EligibleVoters.Value : ActiveMembers;
        var quorumNeeded = closed && QuorumNeeded is not null ? QuorumNeeded.Value : Tally.QuorumNeeded(members, quorumPercent);
        var votingOpen = State == nameof(ProposalState.Open) && EndsAt > now;
        var change = Change;
        // While undecided, the change is set against what the community says now; a passed one keeps what it replaced.
        var before = State == nameof(ProposalState.Passed)
            ? new ProposalChange(BeforePurpose, BeforeValues, BeforeRules, BeforeVisibility, BeforeJoinPolicy)
            : new ProposalChange(
                change.Purpose is null ? null : CurrentPurpose, change.Values is null ? null : CurrentValues, change.Rules is null ? null : CurrentRules,
                change.Visibility is null ? null : Visibility, change.JoinPolicy is null ? null : JoinPolicy);
        return new ProposalView
        {
            Id = Id,
            CommunitySlug = CommunitySlug,
            CommunityName = CommunityName,
            Title = Title,
            State = State,
            Outcome = Outcome,
            Summary = SummaryOf(State, Outcome, yes, no, quorumNeeded, threshold, SupportCount, SupportNeeded, AppliedVersion),
            Proposer = Proposer,
            ProposerName = ProposerName,
            Change = change,
            Before = before,
            SupportNeeded = SupportNeeded,
            SupportCount = SupportCount,
            MySupport = MySupport > 0,
            VotingDays = VotingDays ?? SettingsVotingDays ?? GovernanceSettings.DefaultVotingDays,
            QuorumPercent = quorumPercent,
            ThresholdPercent = threshold,
            ActiveMembers = members,
            QuorumNeeded = quorumNeeded,
            Yes = yes,
            No = no,
            MyVote = MyVote,
            CreatedAt = CreatedAt,
            OpenedAt = OpenedAt,
            EndsAt = EndsAt,
            ClosedAt = ClosedAt,
            TopicId = TopicId,
            TopicUrl = TopicId is { } topic && TopicSlug is not null ? Topics.Url(topic, TopicSlug) : null,
            AppliedVersion = AppliedVersion,
            Url = ProposalQueries.UrlOf(CommunitySlug, Id),
            VotingOpen = votingOpen,
            MayVote = votingOpen && access.IsActiveMember && MyVote is null,
            MaySupport = State == nameof(ProposalState.Gathering) && access.IsActiveMember && MySupport == 0 && viewer != ProposerId,
            MayWithdraw = !closed && viewer == ProposerId,
        };
    }

    private static string SummaryOf(string state, string? outcome, int yes, int no, int quorumNeeded, int threshold, int support, int supportNeeded, int? version)
    {
        var cast = yes + no;
        var share = cast == 0 ? 0 : (int)Math.Round(yes * 100.0 / cast);
        var needed = threshold >= 100 ? "every vote Yes needed" : $"more than {threshold} % needed";
        return (state, outcome) switch
        {
            (nameof(ProposalState.Gathering), _) => $"Gathering support: {support} of {supportNeeded} supporters.",
            (nameof(ProposalState.Open), _) => $"Voting: {yes} Yes, {no} No; {quorumNeeded} {Votes(quorumNeeded)} needed for quorum, {needed}.",
            (nameof(ProposalState.Passed), _) => $"Passed with {yes} of {cast} {Votes(cast)} Yes ({share} %)" + (version is { } v ? $"; charter version {v}." : "."),
            (_, nameof(ProposalOutcome.NoQuorum)) => $"Failed: no quorum — {cast} {Votes(cast)} cast, {quorumNeeded} needed.",
            (_, nameof(ProposalOutcome.NotEnoughYes)) => $"Failed: not enough Yes — {yes} of {cast} {Votes(cast)} Yes ({share} %), {needed}.",
            (_, nameof(ProposalOutcome.NotApplicable)) => "Failed: the change could no longer be applied to the community.",
            _ => "Withdrawn by the proposer.",
        };
    }

    private static string Votes(int n) => n == 1 ? "vote" : "votes";
}
