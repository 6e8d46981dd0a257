using System.Data.Common;
using Dapper;
using Hearth.Platform.Live;

namespace Hearth.Features.Notifications;

/// <summary>
/// One notification for one person, written in the same transaction as the event that caused it. Email: whether it
/// may also go out by e-mail (to a member who wants notification e-mails); a tracked topic's posts stay on the site.
/// </summary>
public sealed record NotificationDraft(long UserId, string Kind, string Text, string Url, long? CommunityId = null, long? TopicId = null, long? PostId = null, long? ActorId = null, bool Email = true);

/// <summary>
/// Writes notifications. Callers decide who is told; the one rule kept here is that nobody is notified of their
/// own action. Whoever is told must be able to see the thing — callers pick recipients among active members.
/// A notification that may go by e-mail also gets an outbox row, in the same transaction; the sender holds it for a
/// few minutes and drops it if the member has read the notification on the site by then.
/// </summary>
public static class Notify
{
    public static async Task<int> SendAsync(DbConnection connection, DbTransaction tx, IEnumerable<NotificationDraft> drafts, DateTime now)
    {
        var rows = drafts.Where(d => d.UserId != d.ActorId).DistinctBy(d => d.UserId).ToList();
        if (rows.Count == 0) return 0;
        foreach (var d in rows)
        {
            var id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO notifications (user_id, kind, community_id, topic_id, post_id, actor_id, text, url, created_at)
                VALUES (@UserId, @Kind, @CommunityId, @TopicId, @PostId, @ActorId, @Text, @Url, @Now)
                RETURNING id
                """, new { d.UserId, d.Kind, d.CommunityId, d.TopicId, d.PostId, d.ActorId, d.Text, d.Url, Now = now }, tx);
            if (!d.Email) continue;
            await connection.ExecuteAsync("""
                INSERT INTO email_outbox (kind, user_id, notification_id, to_address, subject, body, link, list, state, due_at, attempts, created_at)
                SELECT 'notification', u.id, @Id, u.email, @Text, @Text, @Url, 'notifications', 'pending', @Now, 0, @Now
                FROM users u WHERE u.id = @UserId AND u.email_notifications = TRUE
                """, new { Id = id, d.UserId, d.Text, d.Url, Now = now }, tx);
        }
        // PostgreSQL delivers a NOTIFY only when the transaction commits, to every node: their live streams then
        // refresh the count. SQLite runs on one node, whose live bus watches the table instead.
        await LiveBus.NotifyInTransactionAsync(connection, tx, rows.Select(r => LiveEvent.Notification(r.UserId)));
        return rows.Count;
    }
}
