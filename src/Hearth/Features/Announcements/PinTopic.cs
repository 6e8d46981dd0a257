using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Announcements;

public sealed record PinRequest(bool? Pinned);

public sealed record PinnedTopic(long Id, bool Pinned);

/// <summary>
/// Moderators and stewards pin a topic to the top of its space's list, or unpin it; every change is in the audit log.
/// </summary>
public sealed class PinTopic(Db db, TimeProvider clock)
{
    public async Task<Result<PinnedTopic>> HandleAsync(long topicId, PinRequest request, long moderatorId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var topic = await TopicQueries.HeaderAsync(connection, topicId, moderatorId, tx);
        if (topic is null || !CommunityPermissions.MaySeeExistence(topic.Access) || !TopicPermissions.MayRead(topic.Access))
            return Problem.NotFound("No such topic.");
        if (!AnnouncementRules.MayPin(topic.Access))
            return Problem.Forbidden(topic.Access.IsModerator ? "This community is archived." : "Only moderators and stewards pin topics.");
        if (request.Pinned is not { } pinned) return Problem.Field("pinned", "Pinned must be true or false.");

        if (pinned != topic.Pinned)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await connection.ExecuteAsync("UPDATE topics SET pinned = @Pinned WHERE id = @Id", new { Pinned = pinned, topic.Id }, tx);
            await AuditLog.WriteAsync(connection, tx, topic.CommunityId, moderatorId, pinned ? "pin_topic" : "unpin_topic", $"topic {topic.Id}", topic.Title, now);
        }
        await tx.CommitAsync(ct);
        return new PinnedTopic(topic.Id, pinned);
    }
}
