using System.Data.Common;
using System.Globalization;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Web;

namespace Hearth.Features.Moderation;

public sealed record FlagView
{
    public long Id { get; init; }
    public string TargetKind { get; init; } = "";
    public long? PostId { get; init; }
    public long? TopicId { get; init; }
    /// <summary>The flagged member, for member flags.</summary>
    public string? UserName { get; init; }
    public string Reason { get; init; } = "";
    public string RuleQuote { get; init; } = "";
    public string Note { get; init; } = "";
    public string State { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public string Flagger { get; init; } = "";
    public int FlaggerTrust { get; init; }
    public string? Community { get; init; }
    /// <summary>What was flagged, for the reviewer: the post's Markdown source (cut short) or the topic's title.</summary>
    public string Excerpt { get; init; } = "";
    public string? PostState { get; init; }
    public string? TopicTitle { get; init; }
    public string? ResolvedBy { get; init; }
    public DateTime? ResolvedAt { get; init; }
    public string ResolutionNote { get; init; } = "";
}

public sealed record PendingPostView
{
    public long Id { get; init; }
    public long TopicId { get; init; }
    public string TopicTitle { get; init; } = "";
    public int PostNumber { get; init; }
    public string Author { get; init; } = "";
    public int AuthorTrust { get; init; }
    public string Body { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}

public sealed record LogEntry
{
    public long Id { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string Target { get; init; } = "";
    public string Detail { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}

public sealed record ActionView
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string? Community { get; init; }
    public string? CommunityName { get; init; }
    public string Actor { get; init; } = "";
    public string? TargetUser { get; init; }
    public long? PostId { get; init; }
    public long? TopicId { get; init; }
    public string Reason { get; init; } = "";
    public DateTime? EndsAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public string? AppealReason { get; init; }
    public DateTime? AppealedAt { get; init; }
    public string? AppealState { get; init; }
    public string AppealNote { get; init; } = "";
    public bool MayAppeal { get; init; }
    public bool MayDecide { get; init; }
    /// <summary>Whether the viewer is the member the decision is about.</summary>
    public bool IsAboutViewer { get; init; }
    /// <summary>Read to decide <see cref="IsAboutViewer"/>; an account id is not shown.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long? TargetUserId { get; init; }
}

/// <summary>Who is looking at a community's moderation: the community with their relation, and whether they are an admin.</summary>
public sealed record ModerationScope(CommunityAccess Community, bool IsAdmin, ModerationSettings Settings)
{
    public bool MayModerate => ModerationPermissions.MayModerate(Community, IsAdmin);
    public bool MayChangeSettings => ModerationPermissions.MayChangeSettings(Community, IsAdmin);
    public bool MayReadLog => ModerationPermissions.MayReadLog(Community, IsAdmin, Settings.PublicLog);
}

/// <summary>
/// The read side of moderation: the review queues (a community's, the site's), held posts, appeals, the log, one
/// decision. Lists are keyset-paged on id, newest first; each page is one command after the access check.
/// </summary>
public sealed class ModerationQueries(Db db)
{
    private const int ExcerptLength = 500;

    private const string FlagColumns = """
        SELECT f.id, f.target_kind, f.post_id, f.topic_id, tu.user_name, f.reason, f.rule_quote, f.note, f.state, f.created_at,
               fu.user_name AS flagger, fu.trust_level AS flagger_trust, c.slug AS community,
               COALESCE(p.body, t.title, '') AS excerpt, p.state AS post_state, t.title AS topic_title,
               ru.user_name AS resolved_by, f.resolved_at, f.resolution_note
        FROM flags f
        JOIN users fu ON fu.id = f.flagger_id
        LEFT JOIN users tu ON tu.id = f.user_id
        LEFT JOIN communities c ON c.id = f.community_id
        LEFT JOIN posts p ON p.id = f.post_id
        LEFT JOIN topics t ON t.id = f.topic_id
        LEFT JOIN users ru ON ru.id = f.resolved_by
        """;

    /// <summary>The community with the viewer's relation; null when the viewer may not know it exists.</summary>
    public async Task<ModerationScope?> ScopeAsync(string slug, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await ScopeAsync(connection, slug, viewer);
    }

    private static async Task<ModerationScope?> ScopeAsync(DbConnection connection, string slug, long? viewer)
    {
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        var admin = viewer is { } v && await ModerationRecords.IsAdminAsync(connection, v);
        if (c is null || !(admin || (CommunityPermissions.MaySeeExistence(c) && CommunityPermissions.MayRead(c)))) return null;
        var settings = await connection.QuerySingleAsync<ModerationSettings>(ChangeModerationSettings.Select, new { c.Id });
        return new ModerationScope(c, admin, settings);
    }

    public static bool TryCursor(string? cursor, out long before)
    {
        before = long.MaxValue;
        var parts = Page.Decode(cursor);
        if (parts is null) return false;
        if (parts.Length == 0) return true;
        return parts.Length == 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out before);
    }

    private static string Cursor(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>State filter: Open (the default), Upheld, Dismissed or All.</summary>
    public static bool TryState(string? state, out string? filter)
    {
        filter = state is null or "" ? nameof(FlagState.Open) : state;
        if (filter == "All") filter = null;
        return filter is null || Enum.GetNames<FlagState>().Contains(filter);
    }

    /// <summary>A community's flags, for its moderators (and admins); null for anyone else.</summary>
    public async Task<Result<Page<FlagView>>> CommunityFlagsAsync(string slug, long viewer, string? state, long before, int? limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        if (await ScopeAsync(connection, slug, viewer) is not { MayModerate: true } scope) return Problem.NotFound("No such community.");
        return await FlagsAsync(connection, "f.community_id = @CommunityId", scope.Community.Id, state, before, limit);
    }

    /// <summary>Every flag on the site, member flags included: the admins' queue.</summary>
    public async Task<Result<Page<FlagView>>> SiteFlagsAsync(long viewer, string? state, long before, int? limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        if (!await ModerationRecords.IsAdminAsync(connection, viewer)) return Problem.NotFound();
        return await FlagsAsync(connection, "1 = 1", null, state, before, limit);
    }

    private static async Task<Page<FlagView>> FlagsAsync(DbConnection connection, string scope, long? communityId, string? state, long before, int? limit)
    {
        var take = Page.Clamp(limit);
        var rows = await connection.QueryAsync<FlagView>(
            $"{FlagColumns} WHERE {scope} {(state is null ? "" : "AND f.state = @State")} AND f.id < @Before ORDER BY f.id DESC LIMIT @Take",
            new { CommunityId = communityId ?? 0, State = state ?? "", Before = before, Take = take + 1 });
        var items = rows.Select(f => f with { Excerpt = Cut(f.Excerpt) }).ToList();
        return Page.Keyset(items, take, f => Cursor(f.Id));
    }

    /// <summary>Posts held for approval in a community, oldest first is what a queue wants — but newest-first keyset keeps one index.</summary>
    public async Task<Result<Page<PendingPostView>>> PendingAsync(string slug, long viewer, long before, int? limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        if (await ScopeAsync(connection, slug, viewer) is not { MayModerate: true } scope) return Problem.NotFound("No such community.");
        var take = Page.Clamp(limit);
        var rows = await connection.QueryAsync<PendingPostView>("""
            SELECT p.id, p.topic_id, t.title AS topic_title, p.post_number, u.user_name AS author, u.trust_level AS author_trust, p.body, p.created_at
            FROM posts p JOIN topics t ON t.id = p.topic_id JOIN users u ON u.id = p.author_id
            WHERE p.state = 'Pending' AND t.community_id = @CommunityId AND p.id < @Before
            ORDER BY p.id DESC LIMIT @Take
            """, new { CommunityId = scope.Community.Id, Before = before, Take = take + 1 });
        return Page.Keyset([.. rows], take, p => Cursor(p.Id));
    }

    /// <summary>
    /// Whether bringing the post back is its author's act (they deleted it, or it is theirs whatever its state) rather
    /// than a moderator's restoration of a hidden or removed post.
    /// </summary>
    public async Task<bool> IsAuthorsRestoreAsync(long postId, long viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var post = await connection.QuerySingleOrDefaultAsync<(string State, long AuthorId)>(
            "SELECT state, author_id FROM posts WHERE id = @Id", new { Id = postId });
        return post.State == Discussions.PostStates.Deleted || post.AuthorId == viewer;
    }

    /// <summary>Decisions appealed and not yet decided, in a community.</summary>
    public async Task<Result<Page<ActionView>>> AppealsAsync(string slug, long viewer, long before, int? limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        if (await ScopeAsync(connection, slug, viewer) is not { MayModerate: true } scope) return Problem.NotFound("No such community.");
        var take = Page.Clamp(limit);
        var rows = await connection.QueryAsync<ActionView>(
            $"{ActionColumns} WHERE a.community_id = @CommunityId AND a.appeal_state = 'Pending' AND a.id < @Before ORDER BY a.id DESC LIMIT @Take",
            new { CommunityId = scope.Community.Id, Before = before, Take = take + 1 });
        return Page.Keyset([.. rows.Select(a => a with { MayDecide = true })], take, a => Cursor(a.Id));
    }

    /// <summary>
    /// The community's moderation log (every audit entry: moderation, roles, settings), for moderators — and for its
    /// members when the stewards made it public. Outsiders of a Public community see it only then, and only as members.
    /// </summary>
    public async Task<Result<Page<LogEntry>>> LogAsync(string slug, long? viewer, long before, int? limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var scope = await ScopeAsync(connection, slug, viewer);
        if (scope is null) return Problem.NotFound("No such community.");
        if (!scope.MayReadLog) return Problem.NotFound("This community's moderation log is not public.");
        var take = Page.Clamp(limit);
        var rows = await connection.QueryAsync<LogEntry>("""
            SELECT l.id, u.user_name AS actor, l.action, l.target, l.detail, l.created_at
            FROM audit_log l JOIN users u ON u.id = l.actor_id
            WHERE l.community_id = @CommunityId AND l.id < @Before
            ORDER BY l.id DESC LIMIT @Take
            """, new { CommunityId = scope.Community.Id, Before = before, Take = take + 1 });
        return Page.Keyset([.. rows], take, l => Cursor(l.Id));
    }

    private const string ActionColumns = """
        SELECT a.id, a.kind, c.slug AS community, c.name AS community_name, au.user_name AS actor, tu.user_name AS target_user,
               a.post_id, a.topic_id, a.reason, a.ends_at, a.created_at, a.appeal_reason, a.appealed_at, a.appeal_state, a.appeal_note,
               a.target_user_id
        FROM moderation_actions a
        JOIN users au ON au.id = a.actor_id
        LEFT JOIN users tu ON tu.id = a.target_user_id
        LEFT JOIN communities c ON c.id = a.community_id
        """;

    /// <summary>One decision, for the member it is about and for those who may decide its appeal; null for anyone else.</summary>
    public async Task<ActionView?> ActionAsync(long id, long viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ActionView>($"{ActionColumns} WHERE a.id = @Id", new { Id = id });
        if (row is null) return null;
        var about = row.TargetUserId == viewer;
        var admin = await ModerationRecords.IsAdminAsync(connection, viewer);
        var moderator = admin;
        if (!moderator && row.Community is { } slug && await CommunityAccessQuery.BySlugAsync(connection, slug, viewer) is { } c)
            moderator = CommunityPermissions.MayModerate(c);
        if (!about && !moderator) return null;
        return row with
        {
            IsAboutViewer = about,
            MayAppeal = about && row.AppealState is null && AppealAction.Appealable.Contains(row.Kind),
            MayDecide = moderator && !about && row.AppealState == "Pending",
        };
    }

    private static string Cut(string text) => text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
}
