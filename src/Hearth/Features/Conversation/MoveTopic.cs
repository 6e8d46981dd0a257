using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Conversation;

/// <summary>
/// Moderators move a topic to another space of the same community; both spaces' counts follow, and the audit log
/// names both. Events and Articles topics carry records of their kind, so they neither leave nor enter those spaces.
/// </summary>
public sealed class MoveTopic(Db db, TimeProvider clock)
{
    private static readonly string[] KeptKinds = [nameof(SpaceKind.Events), nameof(SpaceKind.Articles)];

    public async Task<Result<string>> HandleAsync(long topicId, MoveRequest request, long moderatorId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var loaded = await ModeratedTopic.LoadAsync(connection, tx, topicId, moderatorId);
        if (!loaded.Ok) return loaded.As<string>();
        var topic = loaded.Value!;
        if (string.IsNullOrWhiteSpace(request.Space)) return Problem.Field("space", "Name the space to move the topic to.");
        var target = await connection.QuerySingleOrDefaultAsync<TargetSpace>(
            "SELECT id, slug, name, kind FROM spaces WHERE community_id = @CommunityId AND slug = @Slug",
            new { topic.CommunityId, Slug = request.Space.Trim().ToLowerInvariant() }, tx);
        if (target is null) return Problem.Field("space", $"This community has no space '{request.Space}'.");
        if (target.Id == topic.SpaceId) return target.Slug;
        if (KeptKinds.Contains(topic.SpaceKind) || KeptKinds.Contains(target.Kind))
            return Problem.Conflict("Events and Articles topics stay in spaces of their kind.");

        var now = clock.GetUtcNow().UtcDateTime;
        await connection.ExecuteAsync("""
            UPDATE topics SET space_id = @To WHERE id = @Id;
            UPDATE spaces SET topic_count = topic_count - 1 WHERE id = @From;
            UPDATE spaces SET topic_count = topic_count + 1 WHERE id = @To;
            """, new { To = target.Id, From = topic.SpaceId, topic.Id }, tx);
        await AuditLog.WriteAsync(connection, tx, topic.CommunityId, moderatorId, "move_topic", $"topic {topic.Id}", $"{topic.SpaceSlug} → {target.Slug}", now);
        await tx.CommitAsync(ct);
        return target.Slug;
    }

    private sealed record TargetSpace
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
    }
}
