using System.Data.Common;
using Dapper;

namespace Hearth.Features.Notifications;

/// <summary>One notification for one person, written in the same transaction as the event that caused it.</summary>
public sealed record NotificationDraft(long UserId, string Kind, string Text, string Url, long? CommunityId = null, long? TopicId = null, long? PostId = null, long? ActorId = null);

/// <summary>
/// Writes notifications. Callers decide who is told; the one rule kept here is that nobody is notified of their
/// own action. Whoever is told must be able to see the thing — callers pick recipients among active members.
/// </summary>
public static class Notify
{
    public static async Task<int> SendAsync(DbConnection connection, DbTransaction tx, IEnumerable<NotificationDraft> drafts, DateTime now)
    {
        var rows = drafts.Where(d => d.UserId != d.ActorId).DistinctBy(d => d.UserId).ToList();
        if (rows.Count == 0) return 0;
        return await connection.ExecuteAsync("""
            INSERT INTO notifications (user_id, kind, community_id, topic_id, post_id, actor_id, text, url, created_at)
            VALUES (@UserId, @Kind, @CommunityId, @TopicId, @PostId, @ActorId, @Text, @Url, @Now)
            """, rows.Select(d => new { d.UserId, d.Kind, d.CommunityId, d.TopicId, d.PostId, d.ActorId, d.Text, d.Url, Now = now }), tx);
    }
}
