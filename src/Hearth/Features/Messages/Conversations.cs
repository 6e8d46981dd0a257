using System.Data.Common;
using Dapper;
using Hearth.Features.Notifications;
using Hearth.Features.People;

namespace Hearth.Features.Messages;

/// <summary>Bookkeeping shared by starting a conversation and writing in one.</summary>
internal static class Conversations
{
    /// <summary>
    /// Adds a message and keeps the counters: the conversation's last message, every participant's inbox order, the
    /// author's own read position (what you wrote is not unread to you), and one "message" notification per other
    /// participant. Runs inside the caller's transaction.
    /// </summary>
    public static async Task<long> AppendAsync(DbConnection connection, DbTransaction tx, long conversationId, PersonRow author, string subject, string body, string bodyHtml, DateTime now)
    {
        var messageId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO messages (conversation_id, author_id, body, body_html, created_at) VALUES (@ConversationId, @Author, @Body, @BodyHtml, @Now) RETURNING id
            """, new { ConversationId = conversationId, Author = author.Id, Body = body, BodyHtml = bodyHtml, Now = now }, tx);
        await connection.ExecuteAsync("""
            UPDATE conversations SET last_message_id = @MessageId, last_message_at = @Now, message_count = message_count + 1 WHERE id = @ConversationId;
            UPDATE conversation_participants SET last_message_at = @Now WHERE conversation_id = @ConversationId;
            UPDATE conversation_participants SET last_read_message_id = @MessageId WHERE conversation_id = @ConversationId AND user_id = @Author;
            """, new { ConversationId = conversationId, MessageId = messageId, Author = author.Id, Now = now }, tx);
        var others = await connection.QueryAsync<long>(
            "SELECT user_id FROM conversation_participants WHERE conversation_id = @ConversationId AND user_id <> @Author",
            new { ConversationId = conversationId, Author = author.Id }, tx);
        var who = string.IsNullOrEmpty(author.DisplayName) ? author.UserName : author.DisplayName;
        await Notify.SendAsync(connection, tx, others.Select(user => new NotificationDraft(user, "message",
            $"{who} wrote to you: “{subject}”", $"{MessageRules.Url(conversationId)}#message-{messageId}", ActorId: author.Id)), now);
        return messageId;
    }
}
