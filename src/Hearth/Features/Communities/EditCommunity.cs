using System.Data.Common;
using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Communities;

/// <summary>Fields left null are unchanged.</summary>
public sealed record EditCommunityRequest(
    string? Name = null, string? Domain = null, string? Purpose = null, string? Values = null, string? Rules = null,
    string? Visibility = null, string? JoinPolicy = null);

/// <summary>
/// Stewards edit a community. A change to purpose, values or rules is never silent: it makes a new numbered
/// charter version (old ones stay readable) and is recorded in the audit log and the activity stream.
/// </summary>
public sealed class EditCommunity(Db db, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(string slug, EditCommunityRequest request, long editorId, CancellationToken ct = default)
    {
        if (Validate(request) is { } invalid) return invalid;

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var access = await CommunityAccessQuery.BySlugAsync(connection, slug, editorId, tx);
        if (access is null || !CommunityPermissions.MaySeeExistence(access)) return Problem.NotFound("No such community.");
        if (!CommunityPermissions.MayEdit(access)) return Problem.Forbidden("Only stewards edit a community.");

        var applied = await ApplyAsync(connection, tx, access, request, editorId, clock.GetUtcNow().UtcDateTime);
        if (applied.Ok) await tx.CommitAsync(ct);
        return applied;
    }

    /// <summary>The field rules of an edit, shared with proposals (Governance) that carry the same fields.</summary>
    public static Problem? Validate(EditCommunityRequest request) => new Validation()
        .Optional("name", request.Name, CommunityLimits.Name, "Name")
        .Optional("domain", request.Domain, CommunityLimits.Domain, "Domain")
        .Optional("purpose", request.Purpose, CommunityLimits.Purpose, "Purpose")
        .Optional("values", request.Values, CommunityLimits.Values, "Values")
        .Optional("rules", request.Rules, CommunityLimits.Rules, "Rules")
        .Check(request.Name is null || !string.IsNullOrWhiteSpace(request.Name), "name", "Name cannot be empty.")
        .Check(request.Purpose is null || !string.IsNullOrWhiteSpace(request.Purpose), "purpose", "Purpose cannot be empty.")
        .Check(request.Visibility is null || (Enum.TryParse<Visibility>(request.Visibility, false, out var v) && Enum.IsDefined(v)), "visibility", "Visibility must be Public, Restricted or Private.")
        .Check(request.JoinPolicy is null || (Enum.TryParse<JoinPolicy>(request.JoinPolicy, false, out var j) && Enum.IsDefined(j)), "joinPolicy", "Join policy must be Open, Approval or Invitation.")
        .Problem;

    /// <summary>
    /// Writes a validated, authorised edit inside the caller's transaction (which commits it): by a steward, or on
    /// behalf of the members when a proposal passed (<paramref name="proposalId"/>, recorded in the charter version
    /// and the audit log; <paramref name="editorId"/> is then the proposer). Returns the charter version now in force.
    /// </summary>
    public static async Task<Result<int>> ApplyAsync(DbConnection connection, DbTransaction tx, CommunityAccess access, EditCommunityRequest request,
        long editorId, DateTime now, long? proposalId = null)
    {
        var current = await connection.QuerySingleAsync<CharterRow>(
            "SELECT purpose, values_statement, rules, domain, kind FROM communities WHERE id = @Id", new { access.Id }, tx);
        var charter = Charter.Render(request.Purpose ?? current.Purpose, request.Values ?? current.ValuesStatement, request.Rules ?? current.Rules);
        var charterChanged = charter.Purpose != current.Purpose || charter.Values != current.ValuesStatement || charter.Rules != current.Rules;
        if (current.Kind == nameof(CommunityKind.Practice) && request.Domain is not null && string.IsNullOrWhiteSpace(request.Domain))
            return Problem.Field("domain", "A community of practice names its domain.");

        var version = charterChanged ? access.RulesVersion + 1 : access.RulesVersion;
        var rows = await connection.ExecuteAsync("""
            UPDATE communities SET
                name = COALESCE(@Name, name), normalized_name = COALESCE(@NormalizedName, normalized_name),
                domain = CASE WHEN kind = 'Practice' THEN COALESCE(@Domain, domain) ELSE domain END,
                purpose = @Purpose, purpose_html = @PurposeHtml, values_statement = @Values, values_html = @ValuesHtml,
                rules = @Rules, rules_html = @RulesHtml, rules_version = @Version,
                visibility = COALESCE(@Visibility, visibility), join_policy = COALESCE(@JoinPolicy, join_policy), updated_at = @Now
            WHERE id = @Id AND rules_version = @Expected
            """, new
        {
            Name = request.Name?.Trim(),
            NormalizedName = request.Name?.Trim().ToLowerInvariant(),
            Domain = request.Domain?.Trim(),
            charter.Purpose,
            charter.PurposeHtml,
            charter.Values,
            charter.ValuesHtml,
            charter.Rules,
            charter.RulesHtml,
            Version = version,
            request.Visibility,
            request.JoinPolicy,
            Now = now,
            access.Id,
            Expected = access.RulesVersion,
        }, tx);
        if (rows != 1) return Problem.Conflict("The community was edited at the same time; reload and try again.");
        if (charterChanged)
        {
            await charter.SaveVersionAsync(connection, tx, access.Id, version, editorId, now, proposalId);
            await connection.ExecuteAsync(
                "INSERT INTO activity_events (community_id, user_id, kind, created_at) VALUES (@Id, @Editor, 'charter_changed', @Now)",
                new { access.Id, Editor = editorId, Now = now }, tx);
        }
        var detail = charterChanged ? $"charter version {version}" : "settings";
        await AuditLog.WriteAsync(connection, tx, access.Id, editorId, "edit_community", access.Slug,
            proposalId is null ? detail : $"{detail}, by proposal #{proposalId} passed by the members", now);
        return version;
    }

    private sealed record CharterRow
    {
        public string Purpose { get; init; } = "";
        public string ValuesStatement { get; init; } = "";
        public string Rules { get; init; } = "";
        public string? Domain { get; init; }
        public string Kind { get; init; } = "";
    }
}
