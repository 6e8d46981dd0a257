using Dapper;
using Hearth.Features.People;
using Hearth.Platform.Data;
using Hearth.Platform.Markdown;
using Hearth.Platform.Results;

namespace Hearth.Features.Messages;

public sealed record StartConversationRequest(IReadOnlyList<string?>? To, string? Subject, string? Body);

public sealed record StartedConversation(long Id, long MessageId, string Url);

/// <summary>
/// A member writes privately to one or more others: the conversation, its participants, the first message (Markdown
/// rendered once, here) and a notification for each recipient, in one transaction. A recipient who has blocked the
/// sender cannot be written to; the refusal names the recipient and nothing more.
/// </summary>
public sealed class StartConversation(Db db, TimeProvider clock)
{
    public async Task<Result<StartedConversation>> HandleAsync(StartConversationRequest request, long senderId, CancellationToken ct = default)
    {
        var subject = request.Subject?.Trim();
        var names = (request.To ?? []).Select(n => n?.Trim() ?? "").Where(n => n.Length > 0)
            .DistinctBy(n => n.ToUpperInvariant()).ToList();
        var validation = new Validation()
            .Require("subject", subject, MessageLimits.Subject, "Subject")
            .Body(request.Body)
            .Check(names.Count > 0, "to", "Name at least one member to write to.")
            .Check(names.Count <= MessageLimits.Recipients, "to", $"Write to at most {MessageLimits.Recipients} members at once.");
        if (validation.Problem is { } invalid) return invalid;
        var bodyHtml = MarkdownRenderer.ToHtml(request.Body);

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var sender = await connection.QuerySingleOrDefaultAsync<PersonRow>("SELECT id, user_name, display_name FROM users WHERE id = @Id", new { Id = senderId }, tx);
        if (sender is null) return Problem.NotFound("No such member.");
        var recipients = new List<PersonRow>();
        foreach (var name in names)
        {
            if (await Persons.FindAsync(connection, tx, name) is not { } person) validation.Add("to", $"No member is called {name}.");
            else if (person.Id == senderId) validation.Add("to", "You are in the conversation already: name the others.");
            else recipients.Add(person);
        }
        if (validation.Problem is { } unknown) return unknown;
        if (await RefuseAsync(connection, tx, recipients, senderId) is { } refused) return refused;

        var now = clock.GetUtcNow().UtcDateTime;
        var conversationId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO conversations (subject, created_by, created_at, last_message_id, last_message_at, message_count)
            VALUES (@Subject, @Sender, @Now, 0, @Now, 0) RETURNING id
            """, new { Subject = subject, Sender = senderId, Now = now }, tx);
        await connection.ExecuteAsync("""
            INSERT INTO conversation_participants (conversation_id, user_id, last_read_message_id, last_message_at, joined_at)
            VALUES (@ConversationId, @UserId, 0, @Now, @Now)
            """, recipients.Select(r => r.Id).Prepend(senderId).Select(id => new { ConversationId = conversationId, UserId = id, Now = now }), tx);
        var messageId = await Conversations.AppendAsync(connection, tx, conversationId, sender, subject!, request.Body!, bodyHtml, now);
        await tx.CommitAsync(ct);
        return new StartedConversation(conversationId, messageId, MessageRules.Url(conversationId));
    }

    /// <summary>Both ways: nobody writes to someone who blocked them, nor to someone they block (unblock first).</summary>
    private static async Task<Problem?> RefuseAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, List<PersonRow> recipients, long senderId)
    {
        var blockers = await Blocks.BlockersAmongAsync(connection, tx, recipients.Select(r => r.Id), senderId);
        if (recipients.FirstOrDefault(r => blockers.Contains(r.Id)) is { } blocker)
            return Problem.Forbidden($"You cannot send messages to {blocker.UserName}.");
        foreach (var r in recipients)
        {
            if (await Blocks.IsBlockedAsync(connection, tx, senderId, r.Id))
                return Problem.Forbidden($"You have blocked {r.UserName}: unblock them to write to them.");
        }
        return null;
    }
}
