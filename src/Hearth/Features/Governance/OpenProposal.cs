using System.Data.Common;
using System.Globalization;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Governance;

public sealed record OpenProposalRequest(string? Title, ProposalChange? Change);

public static class ProposalLimits
{
    public const int TitleMin = 3;
    /// <summary>Short enough that "Proposal: " and the title fit a topic title.</summary>
    public const int Title = 150;
}

/// <summary>
/// A member proposes a change to the purpose, values, rules, visibility or join policy. A steward's proposal opens
/// to a vote at once; any other member's gathers support first (<see cref="SupportProposal"/>). Either way it gets a
/// discussion topic in the community's Discussion space, started by the proposer through <see cref="CreateTopic"/>
/// (so moderation applies as to any topic). A community with no Discussion space, or one where the proposer may not
/// start topics, still takes the proposal — without a discussion topic, which the page then says.
/// </summary>
public sealed class OpenProposal(Db db, TimeProvider clock, CreateTopic createTopic, ProposalQueries queries, ILogger<OpenProposal> logger)
{
    public async Task<Result<ProposalView>> HandleAsync(string slug, OpenProposalRequest request, long proposerId, CancellationToken ct = default)
    {
        var title = request.Title?.Trim();
        var change = request.Change ?? new ProposalChange();
        var validation = new Validation().Require("title", title, ProposalLimits.Title, "Title");
        if (!string.IsNullOrEmpty(title)) validation.Check(title.Length >= ProposalLimits.TitleMin, "title", $"Title must be at least {ProposalLimits.TitleMin} characters.");
        if (change.IsEmpty) validation.Add("change", "Propose a change to at least one of purpose, values, rules, visibility or join policy.");
        // The same field rules as a steward's edit: what could not be saved by hand cannot be voted in either.
        var edit = new EditCommunityRequest(Purpose: change.Purpose, Values: change.Values, Rules: change.Rules, Visibility: change.Visibility, JoinPolicy: change.JoinPolicy);
        if (EditCommunity.Validate(edit)?.Errors is { } fieldErrors)
            foreach (var (field, messages) in fieldErrors)
                foreach (var message in messages) validation.Add(field, message);

        long id;
        string url;
        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await Db.BeginWriteAsync(connection);
            var c = await CommunityAccessQuery.BySlugAsync(connection, slug, proposerId, tx);
            // Access first, so a hidden community stays hidden whatever is sent.
            if (c is null || !CommunityPermissions.MaySeeExistence(c) || !CommunityPermissions.MayRead(c)) return Problem.NotFound("No such community.");
            if (!c.IsActiveMember) return Problem.Forbidden("Only members propose changes: join the community first.");
            if (c.Status != "Active") return Problem.Forbidden("This community is archived; it takes no proposals.");
            if (validation.Problem is { } invalid) return invalid;

            var current = await connection.QuerySingleAsync<CurrentRow>(
                "SELECT purpose, values_statement, rules, visibility, join_policy FROM communities WHERE id = @Id", new { c.Id }, tx);
            var same = new Validation()
                .Check(change.Purpose is null || change.Purpose.Trim() != current.Purpose, "purpose", "This is already the community's purpose.")
                .Check(change.Values is null || change.Values.Trim() != current.ValuesStatement, "values", "These are already the community's values.")
                .Check(change.Rules is null || change.Rules.Trim() != current.Rules, "rules", "These are already the community's rules.")
                .Check(change.Visibility is null || change.Visibility != current.Visibility, "visibility", $"The community is {current.Visibility} already.")
                .Check(change.JoinPolicy is null || change.JoinPolicy != current.JoinPolicy, "joinPolicy", $"The community's join policy is {current.JoinPolicy} already.");
            if (same.Problem is { } unchanged) return unchanged;

            var settings = await GovernanceSettings.LoadAsync(connection, tx, c.Id);
            var now = clock.GetUtcNow().UtcDateTime;
            id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO proposals (community_id, proposer_id, title, change_purpose, change_values, change_rules, change_visibility, change_join_policy,
                    before_purpose, before_values, before_rules, before_visibility, before_join_policy, state, support_needed, created_at)
                VALUES (@CommunityId, @ProposerId, @Title, @Purpose, @Values, @Rules, @Visibility, @JoinPolicy,
                    @BeforePurpose, @BeforeValues, @BeforeRules, @BeforeVisibility, @BeforeJoinPolicy, 'Gathering', @SupportNeeded, @Now)
                RETURNING id
                """, new
            {
                CommunityId = c.Id,
                ProposerId = proposerId,
                Title = title,
                Purpose = change.Purpose?.Trim(),
                Values = change.Values?.Trim(),
                Rules = change.Rules?.Trim(),
                change.Visibility,
                change.JoinPolicy,
                BeforePurpose = change.Purpose is null ? null : current.Purpose,
                BeforeValues = change.Values is null ? null : current.ValuesStatement,
                BeforeRules = change.Rules is null ? null : current.Rules,
                BeforeVisibility = change.Visibility is null ? null : current.Visibility,
                BeforeJoinPolicy = change.JoinPolicy is null ? null : current.JoinPolicy,
                settings.SupportNeeded,
                Now = now,
            }, tx);
            url = ProposalQueries.UrlOf(c.Slug, id);
            await AuditLog.WriteAsync(connection, tx, c.Id, proposerId, "open_proposal", $"proposal #{id}", $"{title} ({change.Describe()})", now);
            var proposer = await connection.ExecuteScalarAsync<string>("SELECT display_name FROM users WHERE id = @Id", new { Id = proposerId }, tx);
            if (c.IsSteward || settings.SupportNeeded == 0)
            {
                await ProposalVoting.OpenAsync(connection, tx, id, now, actorId: proposerId);
            }
            else
            {
                await ProposalNotices.ToMembersAsync(connection, tx, c.Id, "proposal_support",
                    $"{proposer} proposes “{title}” in {c.Name} (a change to its {change.Describe()}): it goes to a vote once {settings.SupportNeeded} " +
                    $"{(settings.SupportNeeded == 1 ? "member supports" : "members support")} it.", url, proposerId, email: false, now);
            }
            await tx.CommitAsync(ct);
        }

        await StartDiscussionAsync(slug, id, title!, change, url, proposerId, ct);
        return (await queries.GetAsync(id, proposerId, ct))!;
    }

    /// <summary>
    /// Starts the discussion topic once the proposal is saved (its link names the proposal), on a connection of its
    /// own: CreateTopic takes the write lock itself. If no topic can be started, the proposal stands without one.
    /// </summary>
    private async Task StartDiscussionAsync(string slug, long id, string title, ProposalChange change, string url, long proposerId, CancellationToken ct)
    {
        var body = $"This topic is for discussing the proposal [{title.Replace("]", "\\]", StringComparison.Ordinal)}]({url}), " +
            $"which would change the community's {change.Describe()}. Read the change and vote on the proposal's page.";
        var topic = await createTopic.HandleAsync(slug, new CreateTopicRequest(null, $"Proposal: {title}", body), proposerId, ct);
        if (!topic.Ok)
        {
            logger.LogInformation("Proposal {Id} has no discussion topic: {Reason}", id, topic.Errors?.Values.FirstOrDefault()?.FirstOrDefault() ?? topic.Message);
            return;
        }
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        await connection.ExecuteAsync("UPDATE proposals SET topic_id = @TopicId WHERE id = @Id", new { TopicId = topic.Value!.Id, Id = id }, tx);
        await tx.CommitAsync(ct);
    }

    private sealed record CurrentRow
    {
        public string Purpose { get; init; } = "";
        public string ValuesStatement { get; init; } = "";
        public string Rules { get; init; } = "";
        public string Visibility { get; init; } = "";
        public string JoinPolicy { get; init; } = "";
    }
}

/// <summary>Opening the vote, shared by a steward's proposal (at once) and a member's (when support is reached).</summary>
internal static class ProposalVoting
{
    /// <summary>
    /// Copies the community's voting rules into the proposal as they are now, so changing the settings later never
    /// changes a vote under way, and tells every member that voting is open.
    /// </summary>
    public static async Task OpenAsync(DbConnection connection, DbTransaction tx, long proposalId, DateTime now, long? actorId = null)
    {
        var p = await connection.QuerySingleAsync<OpeningRow>("""
            SELECT p.community_id, p.proposer_id, p.title, c.name AS community_name, c.slug AS community_slug
            FROM proposals p JOIN communities c ON c.id = p.community_id WHERE p.id = @Id
            """, new { Id = proposalId }, tx);
        var settings = await GovernanceSettings.LoadAsync(connection, tx, p.CommunityId);
        var endsAt = now.AddDays(settings.VotingDays);
        var opened = await connection.ExecuteAsync("""
            UPDATE proposals SET state = 'Open', opened_at = @Now, ends_at = @EndsAt,
                voting_days = @VotingDays, quorum_percent = @QuorumPercent, threshold_percent = @ThresholdPercent
            WHERE id = @Id AND state = 'Gathering'
            """, new { Id = proposalId, Now = now, EndsAt = endsAt, settings.VotingDays, settings.QuorumPercent, settings.ThresholdPercent }, tx);
        if (opened != 1) return;
        await ProposalNotices.ToMembersAsync(connection, tx, p.CommunityId, "proposal_open",
            $"Vote on “{p.Title}” in {p.CommunityName}: voting is open until {endsAt.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC.",
            ProposalQueries.UrlOf(p.CommunitySlug, proposalId), actorId, email: true, now);
    }

    private sealed record OpeningRow
    {
        public long CommunityId { get; init; }
        public long ProposerId { get; init; }
        public string Title { get; init; } = "";
        public string CommunityName { get; init; } = "";
        public string CommunitySlug { get; init; } = "";
    }
}
