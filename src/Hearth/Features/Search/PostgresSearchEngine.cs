using System.Data.Common;
using Dapper;

namespace Hearth.Features.Search;

/// <summary>
/// tsvector documents with GIN indexes (see Platform/Data/Postgres/0010_search.sql). The words go through
/// plainto_tsquery and phraseto_tsquery, which read any text as words; ranking is ts_rank_cd (normalised to 0..1)
/// blended with recency, within the newest matches; excerpts are cut in C# (<see cref="Excerpts"/>) from the bodies of the page.
/// </summary>
internal sealed class PostgresSearchEngine : ISearchEngine
{
    /// <summary>
    /// The tsquery of a search: the loose words and each quoted phrase, all required. Built from constants only, and
    /// written out wherever it is used rather than computed once in a CTE: a CTE's value is unknown when the plan is
    /// made, so the planner guessed a few thousand matches for any word and, for a common one at a million posts,
    /// fetched and ranked all 32,000 of them (500 ms) instead of walking the newest posts backwards until the window
    /// was full (10-20 ms). An expression of the parameters is folded to a constant and planned with the word's statistics.
    /// </summary>
    private static (string Sql, DynamicParameters Args) Query(SearchText text, string config)
    {
        var args = new DynamicParameters();
        var parts = new List<string>();
        if (text.Words.Length > 0)
        {
            parts.Add($"plainto_tsquery('{config}', @Words)");
            args.Add("Words", text.Words);
        }
        for (var i = 0; i < text.RawPhrases.Count; i++)
        {
            parts.Add($"phraseto_tsquery('{config}', @Phrase{i})");
            args.Add($"Phrase{i}", text.RawPhrases[i]);
        }
        // Parenthesised: @@ binds tighter than &&, so "vector @@ a && b" would AND a boolean with a tsquery (a 500 for
        // any search with a quoted phrase beside plain words; the abuse sweep found it).
        return (parts.Count == 0 ? "''::tsquery" : "(" + string.Join(" && ", parts) + ")", args);
    }

    public async Task<List<ContentRow>> ContentAsync(DbConnection connection, ContentQuery q, CancellationToken ct)
    {
        var (query, args) = Query(q.Text, "english");
        args.AddDynamicParams(SearchSql.Parameters(q));
        var keyset = q.After?.Condition(ScoreCursor.Content) ?? "";
        var sql = $"""
            WITH hits AS (
                SELECT d.post_id AS id, ts_rank_cd(d.vector, {query}, 32)::float8 AS relevance, p.created_at
                FROM search_posts d
                JOIN posts p ON p.id = d.post_id
                JOIN topics t ON t.id = p.topic_id
                JOIN communities c ON c.id = t.community_id
                WHERE d.vector @@ {query} AND {SearchSql.Readable} {SearchSql.Filters(q)}
                ORDER BY d.post_id DESC
                LIMIT @Window
            ), ranked AS (
                SELECT id, relevance * (0.5 + 45.0 / (90.0 + GREATEST(0.0, EXTRACT(EPOCH FROM (@Now - created_at))::float8 / 86400.0))) AS score
                FROM hits
            ), page AS (
                SELECT id, score FROM ranked WHERE TRUE {keyset} ORDER BY score DESC, id DESC LIMIT @Take
            )
            SELECT pg.id, pg.score, p.post_number, p.created_at, t.id AS topic_id, t.title, t.slug AS topic_slug,
                   c.slug AS community_slug, c.name AS community_name,
                   u.user_name AS author_user_name, u.display_name AS author_display_name, p.body
            FROM page pg
            JOIN posts p ON p.id = pg.id
            JOIN topics t ON t.id = p.topic_id
            JOIN communities c ON c.id = t.community_id
            JOIN users u ON u.id = p.author_id
            ORDER BY pg.score DESC, pg.id DESC
            """;
        return [.. await connection.QueryAsync<ContentRow>(new CommandDefinition(sql, args, cancellationToken: ct))];
    }

    public async Task<List<MemberRow>> MembersAsync(DbConnection connection, MemberQuery q, CancellationToken ct)
    {
        var (query, args) = Query(q.Text, "simple");
        args.AddDynamicParams(new
        {
            q.CommunityId,
            q.Take,
            q.Window,
            AfterScore = q.After?.Score ?? 0,
            AfterId = q.After?.Id ?? 0,
        });
        var members = q.CommunityId is null ? "" :
            "AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = d.user_id AND m.community_id = @CommunityId AND m.state = 'Active')";
        var sql = $"""
            WITH hits AS (
                SELECT d.user_id AS id, ts_rank_cd(d.vector, {query}, 32)::float8 AS score
                FROM search_users d
                WHERE d.vector @@ {query} {members}
                ORDER BY d.user_id DESC
                LIMIT @Window
            ), page AS (
                SELECT id, score FROM hits WHERE TRUE {q.After?.Condition(ScoreCursor.Members) ?? ""} ORDER BY score DESC, id DESC LIMIT @Take
            )
            SELECT pg.id, pg.score, u.user_name, u.display_name, u.created_at, u.bio AS body
            FROM page pg JOIN users u ON u.id = pg.id
            WHERE u.deleted_at IS NULL -- a deleted account is nobody to find
            ORDER BY pg.score DESC, pg.id DESC
            """;
        return [.. await connection.QueryAsync<MemberRow>(new CommandDefinition(sql, args, cancellationToken: ct))];
    }

    public async Task<List<InTopicRow>> InTopicAsync(DbConnection connection, long topicId, SearchText text, long afterPostId, int take, CancellationToken ct)
    {
        var (query, args) = Query(text, "english");
        args.AddDynamicParams(new { TopicId = topicId, After = afterPostId, Take = take });
        return [.. await connection.QueryAsync<InTopicRow>(new CommandDefinition($"""
            WITH matches AS (
                SELECT p.id
                FROM posts p JOIN search_posts d ON d.post_id = p.id
                WHERE p.topic_id = @TopicId AND p.id > @After AND d.vector @@ {query}
                ORDER BY p.id
                LIMIT @Take
            )
            SELECT p.id, p.post_number, p.created_at, u.user_name AS author_user_name, u.display_name AS author_display_name, p.body
            FROM matches m JOIN posts p ON p.id = m.id JOIN users u ON u.id = p.author_id
            ORDER BY p.id
            """, args, cancellationToken: ct))];
    }

    public async Task<List<SimilarTopic>> SimilarAsync(DbConnection connection, long communityId, IReadOnlyList<string> words, int take, CancellationToken ct)
    {
        // The words are letters and digits only (SearchText), so quoting them makes a valid to_tsquery; :A keeps to titles.
        var query = string.Join(" | ", words.Select(w => w.EndsWith('*') ? $"'{w[..^1]}':*A" : $"'{w}':A"));
        return [.. await connection.QueryAsync<SimilarTopic>(new CommandDefinition("""
            SELECT t.id, t.title, t.slug, t.reply_count, t.created_at, t.accepted_post_id IS NOT NULL AS solved
            FROM (
                SELECT d.post_id AS id, ts_rank_cd(d.vector, to_tsquery('english', @Query))::float8 AS rank
                FROM search_posts d
                JOIN posts p ON p.id = d.post_id
                JOIN topics t ON t.id = p.topic_id
                WHERE d.vector @@ to_tsquery('english', @Query) AND p.post_number = 1 AND t.community_id = @CommunityId
                ORDER BY d.post_id DESC
                LIMIT @Window
            ) h
            JOIN posts p ON p.id = h.id
            JOIN topics t ON t.id = p.topic_id
            ORDER BY h.rank DESC, h.id DESC
            LIMIT @Take
            """, new { Query = query, CommunityId = communityId, Take = take, Window = SearchQueries.Window }, cancellationToken: ct))];
    }

    public async Task RebuildAsync(DbConnection connection, CancellationToken ct)
    {
        // Building a GIN index from sorted entries is many times faster than inserting a million documents into one,
        // so the index is dropped and made again — with the definition of 0010_search.sql. One transaction: searches
        // wait for it rather than see a half-built index.
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            SET LOCAL maintenance_work_mem = '256MB';
            LOCK TABLE search_posts, search_users IN EXCLUSIVE MODE;
            DROP INDEX IF EXISTS ix_search_posts_vector;
            DROP INDEX IF EXISTS ix_search_users_vector;
            TRUNCATE search_posts, search_users;
            INSERT INTO search_posts (post_id, vector)
            SELECT p.id, search_post_vector(CASE WHEN p.post_number = 1 THEN t.title END, p.body)
            FROM posts p JOIN topics t ON t.id = p.topic_id WHERE p.state = 'Visible';
            INSERT INTO search_users (user_id, vector)
            SELECT id, search_user_vector(user_name, display_name, bio) FROM users;
            CREATE INDEX ix_search_posts_vector ON search_posts USING gin (vector) WITH (fastupdate = off);
            CREATE INDEX ix_search_users_vector ON search_users USING gin (vector);
            ANALYZE search_posts;
            ANALYZE search_users;
            """, transaction: tx, commandTimeout: 0, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
