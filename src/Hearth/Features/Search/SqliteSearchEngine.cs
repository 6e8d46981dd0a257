using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Hearth.Features.Search;

/// <summary>
/// FTS5 (see Platform/Data/Sqlite/0010_search.sql). Every query reads the newest matches first — FTS5 walks its doclists
/// by rowid, newest post first, so with LIMIT it stops as soon as the window is full — and ranks only those, by
/// relevance blended with recency. Narrowing by topic, community and first post is done inside FTS5 by the scope
/// tokens: a small community's matches are found without reading the rest of the site's (162 ms by joining and
/// filtering against 2.4 ms by scope, for a common word at a million posts).
/// </summary>
/// <remarks>
/// Relevance is coarse and computed here, not by bm25: a topic whose title holds every searched word ranks four times
/// a post that only mentions them, then recency decides (<see cref="SearchRank"/>). bm25 first counts, for its idf,
/// every row that holds each phrase of the query: for a common word at a million posts that pass was 2.5 ms of a
/// 4.4 ms query, and a title test by a second MATCH per row cost more again for two-word searches.
/// </remarks>
internal sealed class SqliteSearchEngine : ISearchEngine
{
    private static string Words(SearchText text) => "{title body} : (" + text.Fts5() + ")";

    private static string Scope(string token) => " AND scope : \"" + token + "\"";

    public async Task<List<ContentRow>> ContentAsync(DbConnection connection, ContentQuery q, CancellationToken ct)
    {
        var match = Words(q.Text);
        if (q.CommunityId is { } community) match += Scope("c" + community.ToString(CultureInfo.InvariantCulture));
        if (q.Type == SearchKinds.Topic) match += Scope("op");
        var args = new DynamicParameters(SearchSql.Parameters(q));
        args.Add("Match", match);
        var window = await connection.QueryAsync<WindowRow>(new CommandDefinition($"""
            SELECT f.rowid AS id, p.post_number, p.created_at, t.title
            FROM search_posts f
            JOIN posts p ON p.id = f.rowid
            JOIN topics t ON t.id = p.topic_id
            JOIN communities c ON c.id = t.community_id
            WHERE search_posts MATCH @Match AND {SearchSql.Readable} {SearchSql.Filters(q)}
            ORDER BY f.rowid DESC
            LIMIT @Window
            """, args, cancellationToken: ct));
        var page = window
            .Select(w => (w.Id, Score: SearchRank.Score(w.PostNumber == 1 && SearchRank.TitleHolds(w.Title, q.Text), w.CreatedAt, q.Now)))
            .Where(w => q.After?.Allows(ScoreCursor.Content, w.Score, w.Id) ?? true)
            .OrderByDescending(w => w.Score).ThenByDescending(w => w.Id)
            .Take(q.Take)
            .ToList();
        if (page.Count == 0) return [];
        var rows = (await connection.QueryAsync<ContentRow>(new CommandDefinition("""
            SELECT p.id, p.post_number, p.created_at, t.id AS topic_id, t.title, t.slug AS topic_slug,
                   c.slug AS community_slug, c.name AS community_name,
                   u.user_name AS author_user_name, u.display_name AS author_display_name, p.body
            FROM posts p
            JOIN topics t ON t.id = p.topic_id
            JOIN communities c ON c.id = t.community_id
            JOIN users u ON u.id = p.author_id
            WHERE p.id IN @Ids
            """, new { Ids = page.Select(w => w.Id).ToList() }, cancellationToken: ct))).ToDictionary(r => r.Id);
        return [.. page.Where(w => rows.ContainsKey(w.Id)).Select(w => rows[w.Id] with { Score = w.Score })];
    }

    private sealed record WindowRow
    {
        public long Id { get; init; }
        public int PostNumber { get; init; }
        public DateTime CreatedAt { get; init; }
        public string Title { get; init; } = "";
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
            )
            SELECT pg.id, pg.score, u.user_name, u.display_name, u.created_at, u.bio AS body
            FROM (SELECT id, score FROM hits WHERE 1 = 1 {q.After?.Condition(ScoreCursor.Members) ?? ""} ORDER BY score DESC, id DESC LIMIT @Take) pg
            JOIN users u ON u.id = pg.id
            WHERE u.deleted_at IS NULL -- a deleted account is nobody to find
            ORDER BY pg.score DESC, pg.id DESC
            """;
        var match = q.Text.Fts5();
        return [.. await connection.QueryAsync<MemberRow>(new CommandDefinition(sql, new
        {
            Match = match,
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
                   p.body
            FROM search_posts f
            JOIN posts p ON p.id = f.rowid
            JOIN users u ON u.id = p.author_id
            WHERE search_posts MATCH @Match AND f.rowid > @After
            ORDER BY f.rowid
            LIMIT @Take
            """, new { Match = match, After = afterPostId, Take = take }, cancellationToken: ct))];
    }

    /// <summary>
    /// The topics sharing the most title words, then the newest: for each word, its newest title matches (a window
    /// each, so a common word costs no more than a rare one); then a count of the words each topic shares. Neither a
    /// scope token nor bm25: walking a large community's doclist backwards costs more than the whole lookup.
    /// </summary>
    public async Task<List<SimilarTopic>> SimilarAsync(DbConnection connection, long communityId, IReadOnlyList<string> words, int take, CancellationToken ct)
    {
        var args = new DynamicParameters(new { CommunityId = communityId, Take = take, Window = SearchQueries.Window });
        var perWord = new List<string>();
        foreach (var (word, i) in words.Take(6).Select((w, i) => (w, i)))
        {
            args.Add($"W{i}", "title : " + (word.EndsWith('*') ? "\"" + word[..^1] + "\"*" : "\"" + word + "\""));
            perWord.Add($"SELECT id FROM (SELECT rowid AS id FROM search_posts WHERE search_posts MATCH @W{i} ORDER BY rowid DESC LIMIT @Window)");
        }
        return [.. await connection.QueryAsync<SimilarTopic>(new CommandDefinition($"""
            SELECT t.id, t.title, t.slug, t.reply_count, t.created_at, CASE WHEN t.accepted_post_id IS NULL THEN 0 ELSE 1 END AS solved
            FROM (SELECT id, COUNT(*) AS shared FROM ({string.Join(" UNION ALL ", perWord)}) GROUP BY id) h
            JOIN posts p ON p.id = h.id
            JOIN topics t ON t.id = p.topic_id
            WHERE t.community_id = @CommunityId
            ORDER BY h.shared DESC, h.id DESC
            LIMIT @Take
            """, args, cancellationToken: ct))];
    }

    public async Task RebuildAsync(DbConnection connection, CancellationToken ct)
    {
        // 'rebuild' reads the content (the view of Visible posts, the users table) afresh; 'optimize' then merges the
        // index into one segment. Segments pile up as rows are written (one per transaction, merged only in part by
        // automerge), and every lookup visits each of them: on a million posts loaded in batches, 30 lookups by rowid
        // took 8-15 ms before optimize and 0.5-1 ms after. One write transaction.
        await using var tx = await Platform.Data.Db.BeginWriteAsync(connection);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO search_posts (search_posts) VALUES ('rebuild');
            INSERT INTO search_users (search_users) VALUES ('rebuild');
            INSERT INTO search_posts (search_posts) VALUES ('optimize');
            INSERT INTO search_users (search_users) VALUES ('optimize');
            """, transaction: tx, commandTimeout: 0, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
