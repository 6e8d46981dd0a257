using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Web;

namespace Hearth.Features.Communities;

public sealed record ViewerRelation(string? Role, string? State);

public sealed record CommunityView
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Domain { get; init; }
    public string Purpose { get; init; } = "";
    public string PurposeHtml { get; init; } = "";
    public string Values { get; init; } = "";
    public string ValuesHtml { get; init; } = "";
    public string Rules { get; init; } = "";
    public string RulesHtml { get; init; } = "";
    public int RulesVersion { get; init; }
    public string Visibility { get; init; } = "";
    public string JoinPolicy { get; init; } = "";
    public string Status { get; init; } = "";
    public int MemberCount { get; init; }
    public int TopicCount { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public IReadOnlyList<string> Stewards { get; init; } = [];
    public ViewerRelation Viewer { get; init; } = new(null, null);
}

public sealed record CommunitySummary
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Domain { get; init; }
    public string Purpose { get; init; } = "";
    public string Visibility { get; init; } = "";
    public string JoinPolicy { get; init; } = "";
    public int MemberCount { get; init; }
    public int TopicCount { get; init; }
    public DateTime LastActivityAt { get; init; }
    public string? ViewerRole { get; init; }
    public string? ViewerState { get; init; }
    internal string NormalizedName { get; init; } = "";
    internal long Id { get; init; }
}

public sealed record CharterVersion
{
    public int Version { get; init; }
    public string Purpose { get; init; } = "";
    public string PurposeHtml { get; init; } = "";
    public string Values { get; init; } = "";
    public string ValuesHtml { get; init; } = "";
    public string Rules { get; init; } = "";
    public string RulesHtml { get; init; } = "";
    public string EditedBy { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    /// <summary>The proposal whose passing made this version, when the members voted it in rather than a steward editing.</summary>
    public long? ProposalId { get; init; }
}

/// <summary>Read side of communities. Visibility rules live in the WHERE clauses, so a hidden row is simply absent.</summary>
public sealed class CommunityQueries(Db db)
{
    /// <summary>One community for a viewer, or null when it is unknown or Private to them.</summary>
    public async Task<CommunityView?> GetAsync(string slug, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        using var results = await connection.QueryMultipleAsync("""
            SELECT c.id, c.slug, c.name, c.kind, c.domain, c.purpose, c.purpose_html, c.values_statement AS "values", c.values_html,
                   c.rules, c.rules_html, c.rules_version, c.visibility, c.join_policy, c.status, c.member_count, c.topic_count,
                   c.created_at, c.updated_at, m.role AS viewer_role, m.state AS viewer_state
            FROM communities c LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = @Viewer
            WHERE c.slug = @Slug AND (c.visibility <> 'Private' OR m.state IS NOT NULL);
            SELECT u.user_name FROM memberships m JOIN users u ON u.id = m.user_id JOIN communities c ON c.id = m.community_id
            WHERE c.slug = @Slug AND m.role = 'Steward' AND m.state = 'Active' ORDER BY m.joined_at, m.id;
            """, new { Slug = slug.ToLowerInvariant(), Viewer = viewer ?? 0 });
        var row = await results.ReadSingleOrDefaultAsync<CommunityRow>();
        var stewards = (await results.ReadAsync<string>()).ToList();
        if (row is null) return null;
        return row.View with { Stewards = stewards, Viewer = new ViewerRelation(row.ViewerRole, row.ViewerState) };
    }

    /// <summary>
    /// The directory: Public and Restricted communities, plus Private ones the viewer belongs to,
    /// by name, with keyset pagination on (normalized_name, id).
    /// </summary>
    public async Task<Page<CommunitySummary>?> DirectoryAsync(long? viewer, string? q, string? kind, string? cursor, int? limit, CancellationToken ct = default)
    {
        var after = Page.Decode(cursor);
        if (after is null || (after.Length != 0 && (after.Length != 2 || !long.TryParse(after[1], out _)))) return null;
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<CommunitySummary>($"""
            SELECT c.id, c.slug, c.name, c.normalized_name, c.kind, c.domain, c.purpose, c.visibility, c.join_policy, c.member_count,
                   c.topic_count, c.last_activity_at, m.role AS viewer_role, m.state AS viewer_state
            FROM communities c LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = @Viewer
            WHERE (c.visibility <> 'Private' OR m.state = 'Active')
              AND (@Kind IS NULL OR c.kind = @Kind)
              AND (@Q IS NULL OR c.normalized_name LIKE @Q ESCAPE '\' OR c.slug LIKE @Q ESCAPE '\')
              {(after.Length == 2 ? "AND (c.normalized_name > @AfterName OR (c.normalized_name = @AfterName AND c.id > @AfterId))" : "")}
            ORDER BY c.normalized_name, c.id
            LIMIT @Take
            """, new
        {
            Viewer = viewer ?? 0,
            Kind = string.IsNullOrWhiteSpace(kind) ? null : kind,
            Q = string.IsNullOrWhiteSpace(q) ? null : "%" + Like(q.Trim().ToLowerInvariant()) + "%",
            AfterName = after.Length == 2 ? after[0] : null,
            AfterId = after.Length == 2 ? long.Parse(after[1], System.Globalization.CultureInfo.InvariantCulture) : 0,
            Take = take + 1,
        })).ToList();
        return Page.Keyset(rows, take, r => $"{r.NormalizedName}|{r.Id}");
    }

    /// <summary>Communities the viewer is an active member of, most recently active first.</summary>
    public async Task<IReadOnlyList<CommunitySummary>> MineAsync(long viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<CommunitySummary>("""
            SELECT c.id, c.slug, c.name, c.normalized_name, c.kind, c.domain, c.purpose, c.visibility, c.join_policy, c.member_count,
                   c.topic_count, c.last_activity_at, m.role AS viewer_role, m.state AS viewer_state
            FROM memberships m JOIN communities c ON c.id = m.community_id
            WHERE m.user_id = @Viewer AND m.state = 'Active'
            ORDER BY c.last_activity_at DESC, c.id DESC
            LIMIT 100
            """, new { Viewer = viewer });
        return [.. rows];
    }

    /// <summary>Charter versions, newest first; readable by whoever may see the community.</summary>
    public async Task<IReadOnlyList<CharterVersion>> VersionsAsync(long communityId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<CharterVersion>("""
            SELECT v.version, v.purpose, v.purpose_html, v.values_statement AS "values", v.values_html, v.rules, v.rules_html,
                   u.user_name AS edited_by, v.created_at, v.proposal_id
            FROM community_versions v JOIN users u ON u.id = v.edited_by
            WHERE v.community_id = @CommunityId ORDER BY v.version DESC
            """, new { CommunityId = communityId });
        return [.. rows];
    }

    private static string Like(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private sealed record CommunityRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Domain { get; init; }
        public string Purpose { get; init; } = "";
        public string PurposeHtml { get; init; } = "";
        public string Values { get; init; } = "";
        public string ValuesHtml { get; init; } = "";
        public string Rules { get; init; } = "";
        public string RulesHtml { get; init; } = "";
        public int RulesVersion { get; init; }
        public string Visibility { get; init; } = "";
        public string JoinPolicy { get; init; } = "";
        public string Status { get; init; } = "";
        public int MemberCount { get; init; }
        public int TopicCount { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public string? ViewerRole { get; init; }
        public string? ViewerState { get; init; }

        public CommunityView View => new()
        {
            Id = Id,
            Slug = Slug,
            Name = Name,
            Kind = Kind,
            Domain = Domain,
            Purpose = Purpose,
            PurposeHtml = PurposeHtml,
            Values = Values,
            ValuesHtml = ValuesHtml,
            Rules = Rules,
            RulesHtml = RulesHtml,
            RulesVersion = RulesVersion,
            Visibility = Visibility,
            JoinPolicy = JoinPolicy,
            Status = Status,
            MemberCount = MemberCount,
            TopicCount = TopicCount,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
        };
    }
}
