using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Hearth.Features.Search;

/// <summary>
/// FTS5 (see Platform/Data/Sqlite/0010_search.sql). Every query reads the newest matches first — FTS5 walks its doclists
/// by rowid, newest post first, so with LIMIT it stops as soon as the window is full — and ranks only those with
/// bm25 blended with recency. Narrowing by topic, community and first post is done inside FTS5 by the scope tokens,
/// so those filters cost no more than the words themselves.
/// </summary>
internal sealed class SqliteSearchEngine : ISearchEngine
{
    // char(2)/char(3) (STX/ETX) mark the hits; Snippets.ToHtml encodes the text and only then turns them into <mark>.
    private const string PostSnippet = "snippet(search_posts, 1, char(2), char(3), '…', 24)";

    private static string Words(SearchText text) => "{title body} : (" + text.Fts5() + ")";

    private static string Scope(string token) => " AND scope : \"" + token + "\"";

    public async Task<List<ContentRow>> ContentAsync(DbConnection connection, ContentQuery q, CancellationToken ct)
    {
        var match = Words(q.Text);
        if (q.CommunityId is { } community) match += Scope("c" + community.ToString(CultureInfo.InvariantCulture));
        if (q.Type == SearchKinds.Topic) match += Scope("op");
        var keyset = q.After?.Condition(ScoreCursor.Content) ?? "";
        var sql = $"""
            WITH hits AS (
                SELECT f.rowid AS id, -bm25(search_posts, 4.0, 1.0, 0.0) AS relevance, p.created_at
                FROM search_posts f
                JOIN posts p ON p.id = f.rowid
                JOIN topics t ON t.id = p.topic_id
                JOIN communities c ON c.id = t.community_id
                WHERE search_posts MATCH @Match AND {SearchSql.Readable} {SearchSql.Filters(q)}
                ORDER BY f.rowid DESC
                LIMIT @Window
            ), ranked AS (
                SELECT id, relevance * (0.5 + 45.0 / (90.0 + MAX(0.0, julianday(@Now) - julianday(created_at)))) AS score FROM hits
            ), page AS (
                SELECT id, score FROM ranked WHERE 1 = 1 {keyset} ORDER BY score DESC, id DESC LIMIT @Take
            )
            SELECT pg.id, pg.score, p.post_number, p.created_at, t.id AS topic_id, t.title, t.slug AS topic_slug,
                   c.slug AS community_slug, c.name AS community_name,
                   u.user_name AS author_user_name, u.display_name AS author_display_name,
                   {PostSnippet} AS snippet
            FROM page pg
            JOIN search_posts ON search_posts.rowid = pg.id AND search_posts MATCH @Match
            JOIN posts p ON p.id = pg.id
            JOIN topics t ON t.id = p.topic_id
            JOIN communities c ON c.id = t.community_id
            JOIN users u ON u.id = p.author_id
            ORDER BY pg.score DESC, pg.id DESC
            """;
        var args = new DynamicParameters(SearchSql.Parameters(q));
        args.Add("Match", match);
        return [.. await connection.QueryAsync<ContentRow>(new CommandDefinition(sql, args, cancellationToken: ct))];
    }

    public async Task<List<MemberRow>> MembersAsync(DbConnection connection, MemberQuery q, CancellationToken ct)
    {
        var members = q.CommunityId is null ? "" :
            "AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = f.rowid AND m.community_id = @CommunityId AND m.state = 'Active')";
        var sql = $"""
            WITH hits AS (
                SELECT f.rowid AS id, -bm25(search_users, 4.0, 3.0, 1.0) AS score
                FROM search_users f
                WHERE search_users MATCH @Match {members}
                ORDER BY f.rowid DESC
                LIMIT @Window
            ), page AS (
                SELECT id, score FROM hits WHERE 1 = 1 {q.After?.Condition(ScoreCursor.Members) ?? ""} ORDER BY score DESC, id DESC LIMIT @Take
            )
            SELECT pg.id, pg.score, u.user_name, u.display_name, u.created_at,
                   snippet(search_users, 2, char(2), char(3), '…', 16) AS snippet
            FROM page pg
            JOIN search_users ON search_users.rowid = pg.id AND search_users MATCH @Match
            JOIN users u ON u.id = pg.id
            ORDER BY pg.score DESC, pg.id DESC
            """;
        return [.. await connection.QueryAsync<MemberRow>(new CommandDefinition(sql, new
        {
            Match = q.Text.Fts5(),
            q.CommunityId,
            q.Take,
            q.Window,
            AfterScore = q.After?.Score ?? 0,
            AfterId = q.After?.Id ?? 0,
        }, cancellationToken: ct))];
    }

    public async Task<List<InTopicRow>> InTopicAsync(DbConnection connection, long topicId, SearchText text, long afterPostId, int take, CancellationToken ct)
    {
        var match = Words(text) + Scope("t" + topicId.ToString(CultureInfo.InvariantCulture));
        return [.. await connection.QueryAsync<InTopicRow>(new CommandDefinition($"""
            SELECT f.rowid AS id, p.post_number, p.created_at, u.user_name AS author_user_name, u.display_name AS author_display_name,
                   {PostSnippet} AS snippet
            FROM search_posts f
            JOIN posts p ON p.id = f.rowid
            JOIN users u ON u.id = p.author_id
            WHERE search_posts MATCH @Match AND f.rowid > @After
            ORDER BY f.rowid
            LIMIT @Take
            """, new { Match = match, After = afterPostId, Take = take }, cancellationToken: ct))];
    }

    public async Task<List<SimilarTopic>> SimilarAsync(DbConnection connection, long communityId, IReadOnlyList<string> words, int take, CancellationToken ct)
    {
        var any = string.Join(" OR ", words.Select(w => w.EndsWith('*') ? "\"" + w[..^1] + "\"*" : "\"" + w + "\""));
        var match = "title : (" + any + ")" + Scope("c" + communityId.ToString(CultureInfo.InvariantCulture));
        return [.. await connection.QueryAsync<SimilarTopic>(new CommandDefinition("""
            SELECT t.id, t.title, t.slug, t.reply_count, t.created_at, CASE WHEN t.accepted_post_id IS NULL THEN 0 ELSE 1 END AS solved
            FROM (
                SELECT f.rowid AS id, bm25(search_posts, 1.0, 0.0, 0.0) AS rank
                FROM search_posts f
                WHERE search_posts MATCH @Match
                ORDER BY f.rowid DESC
                LIMIT @Window
            ) h
            JOIN posts p ON p.id = h.id
            JOIN topics t ON t.id = p.topic_id
            ORDER BY h.rank, h.id DESC
            LIMIT @Take
            """, new { Match = match, Take = take, Window = SearchQueries.Window }, cancellationToken: ct))];
    }

    public async Task RebuildAsync(DbConnection connection, CancellationToken ct)
    {
        // 'rebuild' reads the content (the view of Visible posts, the users table) afresh; one write transaction.
        await using var tx = Platform.Data.Db.BeginWrite(connection);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO search_posts (search_posts) VALUES ('rebuild');
            INSERT INTO search_users (search_users) VALUES ('rebuild');
            """, transaction: tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
