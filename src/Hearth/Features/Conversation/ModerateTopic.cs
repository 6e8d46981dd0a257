using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Conversation;

public sealed record LockRequest(bool? Locked);

public sealed record ArchiveRequest(bool? Archived);

public sealed record MoveRequest(string? Space);

/// <summary>The header of a topic a moderator acts on: NotFound for what they may not see, Forbidden for non-moderators.</summary>
internal static class ModeratedTopic
{
    public static async Task<Result<TopicQueries.TopicHeader>> LoadAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long topicId, long moderatorId)
    {
        var topic = await TopicQueries.HeaderAsync(connection, topicId, moderatorId, tx);
        if (topic is null || !CommunityPermissions.MaySeeExistence(topic.Access) || !TopicPermissions.MayRead(topic.Access))
            return Problem.NotFound("No such topic.");
        if (!ConversationPermissions.MayModerateTopic(topic.Access))
            return Problem.Forbidden(topic.Access.IsModerator ? "This community is archived." : "Only moderators and stewards do this.");
        return topic;
    }

    /// <summary>Sets one of the topic's moderation flags (a column name from this file, never from a request) and audits the change.</summary>
    public static async Task<Result<bool>> SetFlagAsync(Db db, TimeProvider clock, long topicId, long moderatorId, string field, bool? value,
        string column, Func<TopicQueries.TopicHeader, bool> current, string on, string off, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var loaded = await LoadAsync(connection, tx, topicId, moderatorId);
        if (!loaded.Ok) return loaded.As<bool>();
        if (value is not { } wanted) return Problem.Field(field, $"{char.ToUpperInvariant(field[0])}{field[1..]} must be true or false.");
        var topic = loaded.Value!;
        if (wanted != current(topic))
        {
            await connection.ExecuteAsync($"UPDATE topics SET {column} = @Value WHERE id = @Id", new { Value = wanted, topic.Id }, tx);
            await AuditLog.WriteAsync(connection, tx, topic.CommunityId, moderatorId, wanted ? on : off, $"topic {topic.Id}", topic.Title, clock.GetUtcNow().UtcDateTime);
        }
        await tx.CommitAsync(ct);
        return wanted;
    }
}
