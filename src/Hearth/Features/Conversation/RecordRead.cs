using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Conversation;

public sealed record MarkedRead(int Topics);

/// <summary>
/// Read state: the last post number a signed-in member has seen of each topic. Opening a topic records the last post
/// shown — one upsert, and only when it moves the mark forward (a repeat visit writes nothing).
/// </summary>
public sealed class RecordRead(Db db, TimeProvider clock)
{
    // Portable upsert (SQLite ≥ 3.24 and PostgreSQL): the WHERE keeps the mark from ever moving back.
    private const string Upsert = """
        ON CONFLICT (user_id, topic_id) DO UPDATE SET last_read_post_number = excluded.last_read_post_number, updated_at = excluded.updated_at
        WHERE topic_reads.last_read_post_number < excluded.last_read_post_number
        """;

    /// <summary>Records what <paramref name="topic"/>'s page showed; the view keeps the mark as it was before this visit.</summary>
    public async Task<TopicView> HandleAsync(TopicView topic, long? viewer, CancellationToken ct = default)
    {
        if (viewer is null || topic.Posts.Count == 0) return topic;
        var shown = topic.Posts.Max(p => p.PostNumber);
        if (shown <= (topic.LastReadPostNumber ?? 0)) return topic;
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync($"""
            INSERT INTO topic_reads (user_id, topic_id, last_read_post_number, updated_at) VALUES (@User, @Topic, @Shown, @Now)
            {Upsert}
            """, new { User = viewer, Topic = topic.Id, Shown = shown, Now = clock.GetUtcNow().UtcDateTime });
        return topic;
    }

    /// <summary>Marks every topic of a community read up to its last post, in one statement.</summary>
    public async Task<Result<MarkedRead>> AllAsync(string slug, long viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var c = await Communities.CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (c is null || !TopicPermissions.MayRead(c)) return Problem.NotFound("No such community.");
        var marked = await connection.ExecuteAsync($"""
            INSERT INTO topic_reads (user_id, topic_id, last_read_post_number, updated_at)
            SELECT @User, t.id, t.post_count, @Now FROM topics t WHERE t.community_id = @CommunityId
            {Upsert}
            """, new { User = viewer, CommunityId = c.Id, Now = clock.GetUtcNow().UtcDateTime });
        return new MarkedRead(marked);
    }
}
