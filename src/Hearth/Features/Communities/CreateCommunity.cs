using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Markdown;
using Hearth.Platform.Results;
using Hearth.Platform.Security;

namespace Hearth.Features.Communities;

public sealed record CreateCommunityRequest(
    string? Name, string? Slug, string? Kind, string? Domain, string? Purpose, string? Values, string? Rules,
    string? Visibility, string? JoinPolicy);

public sealed record CreatedCommunity(long Id, string Slug);

/// <summary>
/// Founds a community: charter version 1, the founder as its first steward (who accepts the rules they wrote),
/// and a Discussion space to start talking in — all in one transaction.
/// </summary>
public sealed class CreateCommunity(Db db, TimeProvider clock)
{
    public static readonly string[] ReservedSlugs = ["new", "api", "admin", "search", "account", "health"];

    public async Task<Result<CreatedCommunity>> HandleAsync(CreateCommunityRequest request, long founderId, CancellationToken ct = default)
    {
        var slug = request.Slug?.Trim().ToLowerInvariant();
        var validation = new Validation()
            .Require("name", request.Name?.Trim(), CommunityLimits.Name, "Name")
            .Require("slug", slug, 40, "Slug")
            .Require("purpose", request.Purpose?.Trim(), CommunityLimits.Purpose, "Purpose")
            .Optional("values", request.Values, CommunityLimits.Values, "Values")
            .Optional("rules", request.Rules, CommunityLimits.Rules, "Rules")
            .Optional("domain", request.Domain, CommunityLimits.Domain, "Domain")
            .Check(Enum.TryParse<CommunityKind>(request.Kind, ignoreCase: false, out var kind) && Enum.IsDefined(kind), "kind", "Kind must be Interest or Practice.")
            .Check(Enum.TryParse<Visibility>(request.Visibility ?? "Public", false, out var visibility) && Enum.IsDefined(visibility), "visibility", "Visibility must be Public, Restricted or Private.")
            .Check(Enum.TryParse<JoinPolicy>(request.JoinPolicy ?? "Open", false, out var joinPolicy) && Enum.IsDefined(joinPolicy), "joinPolicy", "Join policy must be Open, Approval or Invitation.");
        if (!string.IsNullOrEmpty(slug))
            validation.Check(Slugs.IsValid(slug) && !ReservedSlugs.Contains(slug), "slug", "Slug must be 2–40 lower-case letters, digits or hyphens, and not a reserved word.");
        if (kind == CommunityKind.Practice)
            validation.Check(!string.IsNullOrWhiteSpace(request.Domain), "domain", "A community of practice names its domain.");
        if (validation.Problem is { } invalid) return invalid;

        var now = clock.GetUtcNow().UtcDateTime;
        var charter = Charter.Render(request.Purpose!, request.Values, request.Rules);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        try
        {
            var id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO communities (slug, name, normalized_name, kind, domain, purpose, purpose_html, values_statement, values_html,
                    rules, rules_html, rules_version, visibility, join_policy, status, member_count, created_by, created_at, updated_at, last_activity_at)
                VALUES (@Slug, @Name, @NormalizedName, @Kind, @Domain, @Purpose, @PurposeHtml, @Values, @ValuesHtml,
                    @Rules, @RulesHtml, 1, @Visibility, @JoinPolicy, 'Active', 1, @Founder, @Now, @Now, @Now)
                RETURNING id
                """, new
            {
                Slug = slug,
                Name = request.Name!.Trim(),
                NormalizedName = request.Name.Trim().ToLowerInvariant(),
                Kind = kind.ToString(),
                Domain = kind == CommunityKind.Practice ? request.Domain!.Trim() : null,
                charter.Purpose,
                charter.PurposeHtml,
                charter.Values,
                charter.ValuesHtml,
                charter.Rules,
                charter.RulesHtml,
                Visibility = visibility.ToString(),
                JoinPolicy = joinPolicy.ToString(),
                Founder = founderId,
                Now = now,
            }, tx);
            await charter.SaveVersionAsync(connection, tx, id, 1, founderId, now);
            await connection.ExecuteAsync("""
                INSERT INTO memberships (community_id, user_id, role, state, rules_version_accepted, rules_accepted_at, joined_at, updated_at)
                VALUES (@Id, @Founder, 'Steward', 'Active', 1, @Now, @Now, @Now);
                INSERT INTO spaces (community_id, slug, name, kind, description, who_can_start, position, created_at)
                VALUES (@Id, 'general', 'General', 'Discussion', 'Conversation about anything on purpose.', 'Members', 0, @Now);
                INSERT INTO activity_events (community_id, user_id, kind, created_at) VALUES (@Id, @Founder, 'founded', @Now);
                """, new { Id = id, Founder = founderId, Now = now }, tx);
            await tx.CommitAsync(ct);
            return new CreatedCommunity(id, slug!);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return Problem.Conflict($"The slug '{slug}' is taken.");
        }
    }
}

/// <summary>Purpose, values and rules: the versioned charter every member accepts, rendered once on write.</summary>
public sealed record Charter(string Purpose, string PurposeHtml, string Values, string ValuesHtml, string Rules, string RulesHtml)
{
    public static Charter Render(string purpose, string? values, string? rules) => new(
        purpose.Trim(), MarkdownRenderer.ToHtml(purpose),
        values?.Trim() ?? "", MarkdownRenderer.ToHtml(values),
        rules?.Trim() ?? "", MarkdownRenderer.ToHtml(rules));

    public Task SaveVersionAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long communityId, int version, long editor, DateTime now,
        long? proposalId = null) =>
        connection.ExecuteAsync("""
            INSERT INTO community_versions (community_id, version, purpose, purpose_html, values_statement, values_html, rules, rules_html, edited_by, created_at, proposal_id)
            VALUES (@CommunityId, @Version, @Purpose, @PurposeHtml, @Values, @ValuesHtml, @Rules, @RulesHtml, @Editor, @Now, @ProposalId)
            """, new { CommunityId = communityId, Version = version, Purpose, PurposeHtml, Values, ValuesHtml, Rules, RulesHtml, Editor = editor, Now = now, ProposalId = proposalId }, tx);
}
