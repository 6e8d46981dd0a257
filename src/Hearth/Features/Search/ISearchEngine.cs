using System.Data.Common;

namespace Hearth.Features.Search;

/// <summary>
/// The seam between search and the database's full-text engine: SQLite FTS5 or PostgreSQL tsvector/GIN. Both answer
/// the same questions with the same semantics (every word required, quoted phrases kept together, only what the
/// viewer may read); <see cref="SearchQueries"/> decides access, paging and shape above it.
/// </summary>
internal interface ISearchEngine
{
    /// <summary>One page of matching posts (a topic's first post stands for the topic), best first.</summary>
    Task<List<ContentRow>> ContentAsync(DbConnection connection, ContentQuery query, CancellationToken ct);

    /// <summary>One page of matching members, best first.</summary>
    Task<List<MemberRow>> MembersAsync(DbConnection connection, MemberQuery query, CancellationToken ct);

    /// <summary>The posts of one topic that match, by id, after <paramref name="afterPostId"/>.</summary>
    Task<List<InTopicRow>> InTopicAsync(DbConnection connection, long topicId, SearchText text, long afterPostId, int take, CancellationToken ct);

    /// <summary>The topics of a community whose titles share the most words with <paramref name="words"/> (a trailing * is a prefix).</summary>
    Task<List<SimilarTopic>> SimilarAsync(DbConnection connection, long communityId, IReadOnlyList<string> words, int take, CancellationToken ct);

    /// <summary>Throws the index away and builds it again from the tables.</summary>
    Task RebuildAsync(DbConnection connection, CancellationToken ct);
}

/// <summary>
/// Relevance is ranked within the <see cref="SearchQueries.Window"/> newest matches that pass the filters and the
/// viewer's access: the cost of a query is bounded by the window, not by how common its words are.
/// </summary>
internal sealed record ContentQuery
{
    public required SearchText Text { get; init; }
    public long Viewer { get; init; }
    public long? CommunityId { get; init; }
    public string? Kind { get; init; }
    /// <summary>Normalised (upper-case) user name.</summary>
    public string? Author { get; init; }
    public string? Tag { get; init; }
    public bool? Solved { get; init; }
    public DateTime? From { get; init; }
    /// <summary>Exclusive.</summary>
    public DateTime? Until { get; init; }
    /// <summary>topic, post, or null for both.</summary>
    public string? Type { get; init; }
    public DateTime Now { get; init; }
    public ScoreCursor? After { get; init; }
    public int Take { get; init; }
    public int Window { get; init; }
}

internal sealed record MemberQuery
{
    public required SearchText Text { get; init; }
    /// <summary>Only active members of this community (whose member list the viewer may read).</summary>
    public long? CommunityId { get; init; }
    public ScoreCursor? After { get; init; }
    public int Take { get; init; }
    public int Window { get; init; }
}

internal sealed record ContentRow
{
    public long Id { get; init; }
    public double Score { get; init; }
    public int PostNumber { get; init; }
    public DateTime CreatedAt { get; init; }
    public long TopicId { get; init; }
    public string Title { get; init; } = "";
    public string TopicSlug { get; init; } = "";
    public string CommunitySlug { get; init; } = "";
    public string CommunityName { get; init; } = "";
    public string AuthorUserName { get; init; } = "";
    public string AuthorDisplayName { get; init; } = "";
    /// <summary>The text the excerpt is cut from (a post's Markdown, a member's bio).</summary>
    public string? Body { get; init; }
}

internal sealed record MemberRow
{
    public long Id { get; init; }
    public double Score { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    /// <summary>The text the excerpt is cut from (a post's Markdown, a member's bio).</summary>
    public string? Body { get; init; }
}

internal sealed record InTopicRow
{
    public long Id { get; init; }
    public int PostNumber { get; init; }
    public DateTime CreatedAt { get; init; }
    public string AuthorUserName { get; init; } = "";
    public string AuthorDisplayName { get; init; } = "";
    /// <summary>The text the excerpt is cut from (a post's Markdown, a member's bio).</summary>
    public string? Body { get; init; }
}

/// <summary>The filters both engines share, as constant SQL over the aliases p (posts), t (topics), c (communities).</summary>
internal static class SearchSql
{
    public const string Readable = """
        (c.visibility = 'Public' OR EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id AND m.user_id = @Viewer AND m.state = 'Active'))
        """;

    public static string Filters(ContentQuery q)
    {
        var sql = new List<string>();
        if (q.CommunityId is not null) sql.Add("AND t.community_id = @CommunityId");
        if (q.Kind is not null) sql.Add("AND EXISTS (SELECT 1 FROM spaces s WHERE s.id = t.space_id AND s.kind = @Kind)");
        if (q.Author is not null) sql.Add("AND p.author_id = (SELECT id FROM users WHERE normalized_user_name = @Author)");
        if (q.Tag is not null) sql.Add("AND EXISTS (SELECT 1 FROM topic_tags g WHERE g.topic_id = t.id AND g.tag = @Tag)");
        if (q.Solved is true) sql.Add("AND t.accepted_post_id IS NOT NULL");
        if (q.Solved is false) sql.Add("AND t.accepted_post_id IS NULL");
        if (q.From is not null) sql.Add("AND p.created_at >= @From");
        if (q.Until is not null) sql.Add("AND p.created_at < @Until");
        if (q.Type == SearchKinds.Topic) sql.Add("AND p.post_number = 1");
        if (q.Type == SearchKinds.Post) sql.Add("AND p.post_number > 1");
        return string.Join(' ', sql);
    }

    public static object Parameters(ContentQuery q) => new
    {
        q.Viewer,
        q.CommunityId,
        q.Kind,
        q.Author,
        q.Tag,
        q.From,
        q.Until,
        q.Now,
        q.Take,
        q.Window,
        AfterScore = q.After?.Score ?? 0,
        AfterId = q.After?.Id ?? 0,
    };
}
