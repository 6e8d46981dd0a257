using System.Data.Common;
using System.Globalization;
using System.Text.Json.Serialization;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Web;

namespace Hearth.Features.Articles;

/// <summary>Another topic an article or question points to.</summary>
public sealed record LinkedTopic(long Id, string Title, string Url, string? State = null);

/// <summary>Someone who wrote part of an article: by editing it (edits) or by writing what it was made from (credits).</summary>
public sealed record ContributorView
{
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public int Edits { get; init; }
    /// <summary>Question and/or Answer, for the people credited for the question the article came from.</summary>
    public IReadOnlyList<string> Credits { get; init; } = [];
}

public sealed record RevisionSummary
{
    public int Number { get; init; }
    public string Title { get; init; } = "";
    public string Summary { get; init; } = "";
    public AuthorView Author { get; init; } = new("", "");
    public DateTime CreatedAt { get; init; }
    /// <summary>Set when this revision restored the content of an earlier one.</summary>
    public int? RevertedTo { get; init; }
}

public sealed record RevisionView
{
    public long TopicId { get; init; }
    public int Number { get; init; }
    public string Title { get; init; } = "";
    public string Summary { get; init; } = "";
    public AuthorView Author { get; init; } = new("", "");
    public DateTime CreatedAt { get; init; }
    public int? RevertedTo { get; init; }
    public string Body { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    /// <summary>The article's current revision number, so a reader knows how far behind this one is.</summary>
    public int CurrentRevision { get; init; }
    [JsonIgnore] public ArticleHeader Article { get; init; } = new();
}

/// <summary>What the viewer may do with the article, for scripts and pages alike.</summary>
public sealed record ArticleViewer(bool MayEdit, bool MayPublish);

public sealed record ArticleView
{
    /// <summary>The topic's id: an article is a topic.</summary>
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Url => Topics.Url(Id, Slug);
    public string State { get; init; } = "";
    public string EditPolicy { get; init; } = "";
    /// <summary>The current revision's number: send it back as baseRevision when editing.</summary>
    public int Revision { get; init; }
    public string Body { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public SpaceRef Space { get; init; } = new("", "", "");
    public CommunityRef Community { get; init; } = new("", "");
    public AuthorView Author { get; init; } = new("", "");
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public DateTime? PublishedAt { get; init; }
    public IReadOnlyList<ContributorView> Contributors { get; init; } = [];
    public LinkedTopic? FromQuestion { get; init; }
    public ArticleViewer Viewer { get; init; } = new(false, false);
    /// <summary>The latest few revisions, newest first, for the article page.</summary>
    [JsonIgnore] public IReadOnlyList<RevisionSummary> RecentRevisions { get; init; } = [];
    [JsonIgnore] public ArticleHeader Header { get; init; } = new();
}

/// <summary>Both directions of the question ↔ article link, for whichever side a topic is.</summary>
public sealed record TopicLinks(LinkedTopic? FromQuestion, LinkedTopic? WrittenUpAs);

public sealed record DiffView
{
    public long Id { get; init; }
    public RevisionSummary From { get; init; } = new();
    public RevisionSummary To { get; init; } = new();
    public bool TitleChanged { get; init; }
    public int Added { get; init; }
    public int Removed { get; init; }
    public IReadOnlyList<DiffHunk> Hunks { get; init; } = [];
    [JsonIgnore] public ArticleHeader Article { get; init; } = new();
}

public sealed record SpaceSettingsView
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    /// <summary>Wiki or Authors; only Articles spaces use it.</summary>
    public string EditPolicy { get; init; } = "";
}

/// <summary>The question side of the topic page: is it solved, and has it been written up?</summary>
public sealed record QuestionPanel(ArticleHeader Header, IReadOnlyList<SpaceView> ArticleSpaces);

/// <summary>
/// A topic with its article row (when it is one), its space's edit policy, the question ↔ article links and the viewer's
/// relation to the community, in one row: every article read and write decides access from it.
/// </summary>
public sealed record ArticleHeader : ICommunityAccessRow
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public bool Locked { get; init; }
    public long AuthorId { get; init; }
    public string AuthorUserName { get; init; } = "";
    public string AuthorDisplayName { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public long? AcceptedPostId { get; init; }
    public string? State { get; init; }
    public int Revision { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public DateTime? PublishedAt { get; init; }
    public long? FromQuestionId { get; init; }
    public string? FromQuestionTitle { get; init; }
    public string? FromQuestionSlug { get; init; }
    public long? WrittenUpId { get; init; }
    public string? WrittenUpTitle { get; init; }
    public string? WrittenUpSlug { get; init; }
    public string? WrittenUpState { get; init; }
    public long SpaceId { get; init; }
    public string SpaceSlug { get; init; } = "";
    public string SpaceName { get; init; } = "";
    public string SpaceKind { get; init; } = "";
    public string EditPolicy { get; init; } = "";
    public bool ViewerIsAuthor { get; init; }
    public long CommunityId { get; init; }
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

    public bool IsArticle => State is not null;
    public bool IsDraft => State == nameof(ArticleState.Draft);
    public string Url => Topics.Url(Id, Slug);
    public bool Readable => CommunityPermissions.MaySeeExistence(Access) && TopicPermissions.MayRead(Access);
    public bool MayEdit => IsArticle && ArticlePermissions.MayEdit(Access, EditPolicy, ViewerIsAuthor, Locked);
    public LinkedTopic? FromQuestion => FromQuestionId is { } q ? new LinkedTopic(q, FromQuestionTitle ?? "", Topics.Url(q, FromQuestionSlug ?? "")) : null;
    public LinkedTopic? WrittenUpAs => WrittenUpId is { } a ? new LinkedTopic(a, WrittenUpTitle ?? "", Topics.Url(a, WrittenUpSlug ?? ""), WrittenUpState) : null;

    public CommunityAccess Access => this.ToAccess();

    /// <summary>Why an edit (or revert, or publishing) is refused, or null: hidden things are unknown (404), visible ones are 403.</summary>
    public static Problem? RefuseEdit(ArticleHeader? a)
    {
        if (a is null || !a.Readable) return Problem.NotFound("No such topic.");
        if (!a.IsArticle) return Problem.NotFound("This topic is not an article.");
        if (TopicPermissions.RefuseWrite(a.Access) is { } refused) return refused;
        if (!a.MayEdit) return Problem.Forbidden(ArticlePermissions.WhyNotEdit(a.Access, a.EditPolicy, a.Locked, signedIn: true));
        return null;
    }
}

/// <summary>
/// Read side of articles. Every read is one command: the header row (which decides access, in C#, with the same
/// permissions as every feature) batched with what the page or route shows, whatever the number of revisions.
/// </summary>
public sealed class ArticleQueries(Db db)
{
    internal const string HeaderSql = """
        SELECT t.id, t.title, t.slug, t.locked, t.author_id, t.created_at, t.accepted_post_id,
               u.user_name AS author_user_name, u.display_name AS author_display_name,
               a.state, COALESCE(a.revision, 0) AS revision, a.updated_at, a.published_at,
               a.from_question_id, q.title AS from_question_title, q.slug AS from_question_slug,
               w.topic_id AS written_up_id, wt.title AS written_up_title, wt.slug AS written_up_slug, w.state AS written_up_state,
               s.id AS space_id, s.slug AS space_slug, s.name AS space_name, s.kind AS space_kind, s.edit_policy,
               (t.author_id = @Viewer OR EXISTS (SELECT 1 FROM article_credits ac WHERE ac.topic_id = t.id AND ac.user_id = @Viewer)) AS viewer_is_author,
               c.id AS community_id, c.slug AS community_slug, c.name AS community_name, c.kind AS community_kind, c.domain,
               c.visibility, c.join_policy, c.status, c.rules_version, c.member_count,
               m.role AS viewer_role, m.state AS viewer_state
        FROM topics t
        JOIN spaces s ON s.id = t.space_id
        JOIN communities c ON c.id = t.community_id
        JOIN users u ON u.id = t.author_id
        LEFT JOIN articles a ON a.topic_id = t.id
        LEFT JOIN topics q ON q.id = a.from_question_id
        LEFT JOIN articles w ON w.from_question_id = t.id
        LEFT JOIN topics wt ON wt.id = w.topic_id
        LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = @Viewer
        WHERE t.id = @Id
        """;

    private const string RevisionColumns = """
        SELECT r.number, r.title, r.summary, r.created_at, r.reverted_to, u.user_name AS author_user_name, u.display_name AS author_display_name
        """;

    private const string DetailsSql = $"""
        SELECT r.body, r.body_html FROM article_revisions r JOIN articles a ON a.topic_id = r.topic_id AND a.revision = r.number WHERE r.topic_id = @Id;
        SELECT u.user_name, u.display_name, ac.edits, ac.first_revision
        FROM article_contributors ac JOIN users u ON u.id = ac.user_id
        WHERE ac.topic_id = @Id;
        SELECT u.user_name, u.display_name, ac.credit FROM article_credits ac JOIN users u ON u.id = ac.user_id WHERE ac.topic_id = @Id;
        SELECT tag FROM topic_tags WHERE topic_id = @Id ORDER BY tag;
        {RevisionColumns}
        FROM article_revisions r JOIN users u ON u.id = r.author_id
        WHERE r.topic_id = @Id ORDER BY r.number DESC LIMIT @Recent;
        """;

    private const string ArticleSpacesSql = """
        SELECT s.id, s.slug, s.name, s.kind, s.description, s.who_can_start, s.topic_count
        FROM spaces s WHERE s.community_id = (SELECT community_id FROM topics WHERE id = @Id) AND s.kind = 'Articles'
        ORDER BY s.position, s.id;
        """;

    internal static Task<ArticleHeader?> HeaderAsync(DbConnection connection, long id, long? viewer, DbTransaction? tx = null) =>
        connection.QuerySingleOrDefaultAsync<ArticleHeader>(HeaderSql, new { Id = id, Viewer = viewer ?? 0 }, tx);

    /// <summary>An article with its current body, contributors and the viewer's rights; null when hidden or not an article.</summary>
    public async Task<ArticleView?> ArticleAsync(long id, long? viewer, int recent = 0, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        using var results = await connection.QueryMultipleAsync($"{HeaderSql};\n{DetailsSql}", new { Id = id, Viewer = viewer ?? 0, Recent = recent });
        var header = await results.ReadSingleOrDefaultAsync<ArticleHeader>();
        if (header is null || !header.Readable || !header.IsArticle) return null;
        return await ReadDetailsAsync(results, header);
    }

    /// <summary>
    /// What the topic page adds for articles and questions, in one command; the page has loaded the topic and decided
    /// that the viewer may read it. Null for every other kind of topic, without touching the database.
    /// </summary>
    public async Task<(ArticleView? Article, QuestionPanel? Question)> PanelAsync(TopicView topic, long? viewer, CancellationToken ct = default)
    {
        var isArticle = topic.Kind == nameof(SpaceKind.Articles);
        if (!isArticle && topic.Kind != nameof(SpaceKind.Questions)) return default;
        await using var connection = await db.OpenAsync(ct);
        using var results = await connection.QueryMultipleAsync($"{HeaderSql};\n{(isArticle ? DetailsSql : ArticleSpacesSql)}",
            new { topic.Id, Viewer = viewer ?? 0, Recent = ArticleLimits.RecentRevisions });
        var header = await results.ReadSingleOrDefaultAsync<ArticleHeader>();
        if (header is null || !header.Readable) return default;
        if (!isArticle) return (null, new QuestionPanel(header, [.. await results.ReadAsync<SpaceView>()]));
        // Every topic of an Articles space has its article row (written with the topic, or by migration 0007); a topic
        // moved in from elsewhere would not, and is shown as the plain topic it is.
        return (header.IsArticle ? await ReadDetailsAsync(results, header) : null, null);
    }

    public async Task<TopicLinks?> LinksAsync(long id, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var header = await HeaderAsync(connection, id, viewer);
        return header is null || !header.Readable ? null : new TopicLinks(header.FromQuestion, header.WrittenUpAs);
    }

    /// <summary>One page of an article's revisions, newest first, keyset-paginated by number; null when hidden or not an article.</summary>
    public async Task<(ArticleHeader Article, Page<RevisionSummary> Revisions)?> RevisionsAsync(long id, long? viewer, int? before, int? limit, CancellationToken ct = default)
    {
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        using var results = await connection.QueryMultipleAsync($"""
            {HeaderSql};
            {RevisionColumns}
            FROM article_revisions r JOIN users u ON u.id = r.author_id
            WHERE r.topic_id = @Id AND r.number < @Before
            ORDER BY r.number DESC LIMIT @Take;
            """, new { Id = id, Viewer = viewer ?? 0, Before = before ?? int.MaxValue, Take = take + 1 });
        var header = await results.ReadSingleOrDefaultAsync<ArticleHeader>();
        var rows = (await results.ReadAsync<RevisionRow>()).Select(r => r.AsSummary).ToList();
        if (header is null || !header.Readable || !header.IsArticle) return null;
        return (header, Page.Keyset(rows, take, r => r.Number.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>One revision; NotFound when the article is hidden, is not an article, or has no such revision.</summary>
    public async Task<Result<RevisionView>> RevisionAsync(long id, int number, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        using var results = await connection.QueryMultipleAsync($"""
            {HeaderSql};
            {RevisionColumns}, r.body, r.body_html
            FROM article_revisions r JOIN users u ON u.id = r.author_id
            WHERE r.topic_id = @Id AND r.number = @Number;
            """, new { Id = id, Viewer = viewer ?? 0, Number = number });
        var header = await results.ReadSingleOrDefaultAsync<ArticleHeader>();
        var row = await results.ReadSingleOrDefaultAsync<RevisionRow>();
        if (header is null || !header.Readable) return Problem.NotFound("No such topic.");
        if (!header.IsArticle) return Problem.NotFound("This topic is not an article.");
        if (row is null) return Problem.NotFound($"This article has no revision {number}.");
        return row.View(header);
    }

    /// <summary>
    /// The line diff of the Markdown source between two revisions (any two, either way round). By default the newest
    /// revision against the one before it.
    /// </summary>
    public async Task<Result<DiffView>> DiffAsync(long id, int? from, int? to, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        // Both revisions in the same batch as the header; when 'to' is not given it is the current one.
        using var results = await connection.QueryMultipleAsync($"""
            {HeaderSql};
            {RevisionColumns}, r.body, r.body_html
            FROM article_revisions r JOIN users u ON u.id = r.author_id
            WHERE r.topic_id = @Id
              AND r.number IN (
                    COALESCE(@To, (SELECT revision FROM articles WHERE topic_id = @Id)),
                    COALESCE(@From, COALESCE(@To, (SELECT revision FROM articles WHERE topic_id = @Id)) - 1));
            """, new { Id = id, Viewer = viewer ?? 0, From = from, To = to });
        var header = await results.ReadSingleOrDefaultAsync<ArticleHeader>();
        var rows = (await results.ReadAsync<RevisionRow>()).ToDictionary(r => r.Number);
        if (header is null || !header.Readable) return Problem.NotFound("No such topic.");
        if (!header.IsArticle) return Problem.NotFound("This topic is not an article.");
        var toNumber = to ?? header.Revision;
        var fromNumber = from ?? Math.Max(1, toNumber - 1);
        if (!rows.TryGetValue(toNumber, out var newer)) return Problem.NotFound($"This article has no revision {toNumber}.");
        if (!rows.TryGetValue(fromNumber, out var older)) return Problem.NotFound($"This article has no revision {fromNumber}.");
        var lines = LineDiff.Compare(older.Body, newer.Body);
        return new DiffView
        {
            Id = id,
            From = older.AsSummary,
            To = newer.AsSummary,
            TitleChanged = older.Title != newer.Title,
            Added = lines.Count(l => l.Kind == DiffLineKind.Added),
            Removed = lines.Count(l => l.Kind == DiffLineKind.Removed),
            Hunks = LineDiff.Hunks(lines),
            Article = header,
        };
    }

    /// <summary>A space's settings, for whoever may read the community.</summary>
    public async Task<Result<(CommunityAccess Community, SpaceSettingsView Space)>> SpaceSettingsAsync(string slug, string space, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (c is null || !TopicPermissions.MayRead(c)) return Problem.NotFound("No such community.");
        var settings = await connection.QuerySingleOrDefaultAsync<SpaceSettingsView>(
            "SELECT slug, name, kind, edit_policy FROM spaces WHERE community_id = @CommunityId AND slug = @Slug",
            new { CommunityId = c.Id, Slug = space.ToLowerInvariant() });
        if (settings is null) return Problem.NotFound("No such space.");
        return (c, settings);
    }

    /// <summary>The edit policy of a space the page has already loaded.</summary>
    public async Task<string> EditPolicyAsync(long communityId, string space, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(
            "SELECT edit_policy FROM spaces WHERE community_id = @CommunityId AND slug = @Slug",
            new { CommunityId = communityId, Slug = space }) ?? nameof(EditPolicy.Wiki);
    }

    private static async Task<ArticleView> ReadDetailsAsync(SqlMapper.GridReader results, ArticleHeader header)
    {
        var current = await results.ReadSingleOrDefaultAsync<BodyRow>() ?? new BodyRow();
        var edits = (await results.ReadAsync<EditCountRow>()).ToList();
        var credits = (await results.ReadAsync<CreditRow>()).ToList();
        var tags = (await results.ReadAsync<string>()).ToList();
        var recent = (await results.ReadAsync<RevisionRow>()).Select(r => r.AsSummary).ToList();

        // Revision authors, most edits first, then the people credited for the question who have not edited (yet).
        var contributors = edits
            .OrderByDescending(e => e.Edits).ThenBy(e => e.FirstRevision)
            .Select(e => new ContributorView
            {
                UserName = e.UserName,
                DisplayName = e.DisplayName,
                Edits = e.Edits,
                Credits = [.. credits.Where(c => c.UserName == e.UserName).Select(c => c.Credit).Order(StringComparer.Ordinal)],
            })
            .Concat(credits.Where(c => edits.All(e => e.UserName != c.UserName)).GroupBy(c => c.UserName).Select(g => new ContributorView
            {
                UserName = g.Key,
                DisplayName = g.First().DisplayName,
                Edits = 0,
                Credits = [.. g.Select(c => c.Credit).Order(StringComparer.Ordinal)],
            }))
            .ToList();
        var mayEdit = header.MayEdit;
        return new ArticleView
        {
            Id = header.Id,
            Title = header.Title,
            Slug = header.Slug,
            State = header.State!,
            EditPolicy = header.EditPolicy,
            Revision = header.Revision,
            Body = current.Body,
            BodyHtml = current.BodyHtml,
            Tags = tags,
            Space = new SpaceRef(header.SpaceSlug, header.SpaceName, header.SpaceKind),
            Community = new CommunityRef(header.CommunitySlug, header.CommunityName),
            Author = new AuthorView(header.AuthorUserName, header.AuthorDisplayName),
            CreatedAt = header.CreatedAt,
            UpdatedAt = header.UpdatedAt ?? header.CreatedAt,
            PublishedAt = header.PublishedAt,
            Contributors = contributors,
            FromQuestion = header.FromQuestion,
            Viewer = new ArticleViewer(mayEdit, mayEdit && header.IsDraft),
            RecentRevisions = recent,
            Header = header,
        };
    }

    private sealed record BodyRow
    {
        public string Body { get; init; } = "";
        public string BodyHtml { get; init; } = "";
    }

    private sealed record EditCountRow
    {
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public int Edits { get; init; }
        public int FirstRevision { get; init; }
    }

    private sealed record CreditRow
    {
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Credit { get; init; } = "";
    }

    internal sealed record RevisionRow
    {
        public int Number { get; init; }
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public int? RevertedTo { get; init; }
        public string AuthorUserName { get; init; } = "";
        public string AuthorDisplayName { get; init; } = "";
        public string Body { get; init; } = "";
        public string BodyHtml { get; init; } = "";

        public RevisionSummary AsSummary => new()
        {
            Number = Number,
            Title = Title,
            Summary = Summary,
            Author = new AuthorView(AuthorUserName, AuthorDisplayName),
            CreatedAt = CreatedAt,
            RevertedTo = RevertedTo,
        };

        public RevisionView View(ArticleHeader header) => new()
        {
            TopicId = header.Id,
            Number = Number,
            Title = Title,
            Summary = Summary,
            Author = new AuthorView(AuthorUserName, AuthorDisplayName),
            CreatedAt = CreatedAt,
            RevertedTo = RevertedTo,
            Body = Body,
            BodyHtml = BodyHtml,
            CurrentRevision = header.Revision,
            Article = header,
        };
    }
}
