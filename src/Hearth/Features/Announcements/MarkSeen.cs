using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;

namespace Hearth.Features.Announcements;

/// <summary>
/// Records that a member has seen an announcement: one row per member and topic, and the topic's counter moved with it.
/// The topic's header row already says whether this viewer has seen it, so a repeat visit runs no command at all and
/// a first one runs exactly one, whatever the length of the topic (the topic page's query budget stays fixed).
/// </summary>
public sealed class MarkSeen(Db db, TimeProvider clock)
{
    // SQLite: changes() is the row count of the connection's previous statement, so the counter moves only when the
    // row was new; the write transaction makes the pair atomic.
    private const string SqliteSql = """
        INSERT INTO topic_views (topic_id, user_id, seen_at) VALUES (@TopicId, @Viewer, @Now) ON CONFLICT DO NOTHING;
        UPDATE topics SET seen_count = seen_count + 1 WHERE id = @TopicId AND changes() = 1;
        SELECT seen_count FROM topics WHERE id = @TopicId AND changes() = 1;
        """;

    // PostgreSQL: one statement; a concurrent first view by the same member waits on the key and then inserts nothing.
    private const string PostgresSql = """
        WITH seen AS (
            INSERT INTO topic_views (topic_id, user_id, seen_at) VALUES (@TopicId, @Viewer, @Now) ON CONFLICT DO NOTHING RETURNING topic_id)
        UPDATE topics SET seen_count = seen_count + 1 WHERE id IN (SELECT topic_id FROM seen) RETURNING seen_count
        """;

    /// <summary>The topic as the viewer now sees it: counted in, when this was their first sighting.</summary>
    public async Task<TopicView> HandleAsync(TopicView topic, long? viewer, CancellationToken ct = default)
    {
        if (!AnnouncementRules.IsFirstSighting(topic, viewer)) return topic;
        var args = new { TopicId = topic.Id, Viewer = viewer!.Value, Now = clock.GetUtcNow().UtcDateTime };
        await using var connection = await db.OpenAsync(ct);
        int? count;
        if (db.IsSqlite)
        {
            await using var tx = await Db.BeginWriteAsync(connection);
            count = await connection.ExecuteScalarAsync<int?>(SqliteSql, args, tx);
            await tx.CommitAsync(ct);
        }
        else
        {
            count = await connection.ExecuteScalarAsync<int?>(PostgresSql, args);
        }
        return topic with { SeenCount = count ?? topic.SeenCount, ViewerSeen = true };
    }
}
