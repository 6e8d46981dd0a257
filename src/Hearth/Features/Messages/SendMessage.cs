using Dapper;
using Hearth.Features.People;
using Hearth.Platform.Data;
using Hearth.Platform.Markdown;
using Hearth.Platform.Results;

namespace Hearth.Features.Messages;

public sealed record SendMessageRequest(string? Body);

public sealed record SentMessage(long Id, long ConversationId, string Url);

/// <summary>
/// A participant writes in a conversation. To anyone else the conversation does not exist (404). A participant whom
/// another participant has blocked can no longer write in it.
/// </summary>
public sealed class SendMessage(Db db, TimeProvider clock)
{
    public async Task<Result<SentMessage>> HandleAsync(long conversationId, SendMessageRequest request, long authorId, CancellationToken ct = default)
    {
        var validation = new Validation().Body(request.Body);
        var bodyHtml = validation.Problem is null ? MarkdownRenderer.ToHtml(request.Body) : "";

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var conversation = await connection.QuerySingleOrDefaultAsync<ConversationRow>("""
            SELECT c.id, c.subject FROM conversations c
            JOIN conversation_participants p ON p.conversation_id = c.id AND p.user_id = @Author
            WHERE c.id = @Id
            """, new { Id = conversationId, Author = authorId }, tx);
        // Access before validation: a stranger learns nothing from what they send.
        if (conversation is null) return Problem.NotFound("No such conversation.");
        if (validation.Problem is { } invalid) return invalid;
        var blocked = await connection.ExecuteScalarAsync<long>($"""
            SELECT COUNT(*) FROM conversation_participants p
            WHERE p.conversation_id = @Id AND p.user_id <> @Author AND {Blocks.IsBlockedSql("p.user_id", "@Author")}
            """, new { Id = conversationId, Author = authorId }, tx);
        if (blocked > 0) return Problem.Forbidden("You cannot write in this conversation any more.");

        var author = await connection.QuerySingleAsync<PersonRow>("SELECT id, user_name, display_name FROM users WHERE id = @Id", new { Id = authorId }, tx);
        var messageId = await Conversations.AppendAsync(connection, tx, conversationId, author, conversation.Subject, request.Body!, bodyHtml,
            clock.GetUtcNow().UtcDateTime);
        await tx.CommitAsync(ct);
        return new SentMessage(messageId, conversationId, $"{MessageRules.Url(conversationId)}#message-{messageId}");
    }

    private sealed record ConversationRow
    {
        public long Id { get; init; }
        public string Subject { get; init; } = "";
    }
}
