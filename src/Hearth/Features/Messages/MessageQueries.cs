using System.Globalization;
using System.Text.Json.Serialization;
using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Web;

namespace Hearth.Features.Messages;

/// <summary>A conversation in a participant's inbox, with their own unread state.</summary>
public sealed record ConversationSummary
{
    public long Id { get; init; }
    public string Subject { get; init; } = "";
    public IReadOnlyList<AuthorView> Participants { get; init; } = [];
    public int MessageCount { get; init; }
    public DateTime LastMessageAt { get; init; }
    /// <summary>Messages after the caller's read position.</summary>
    public int UnreadCount { get; init; }
    public bool Unread => UnreadCount > 0;
    [JsonIgnore] public string Url => MessageRules.Url(Id);
}

public sealed record MessageView
{
    public long Id { get; init; }
    public AuthorView Author { get; init; } = new("", "");
    public string BodyHtml { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    /// <summary>Whether the caller had not read it before this request.</summary>
    public bool Unread { get; init; }
}

public sealed record ConversationView
{
    public long Id { get; init; }
    public string Subject { get; init; } = "";
    public IReadOnlyList<AuthorView> Participants { get; init; } = [];
    public DateTime CreatedAt { get; init; }
    public int MessageCount { get; init; }
    public IReadOnlyList<MessageView> Messages { get; init; } = [];
    /// <summary>Cursor of the next (later) page of messages, or null.</summary>
    public string? Next { get; init; }
}

/// <summary>
/// Read side of private messages. Every query starts from the caller's participant row, so a conversation they are
/// not in is simply absent (404), whoever they are — admins included.
/// </summary>
public sealed class MessageQueries(Db db)
{
    /// <summary>
    /// The caller's conversations, latest message first, keyset-paginated on the participant row's
    /// (last_message_at, conversation_id) index, with unread counts and participants for the whole page in one command.
    /// Null for a malformed cursor.
    /// </summary>
    public async Task<Page<ConversationSummary>?> InboxAsync(long userId, string? cursor, int? limit, CancellationToken ct = default)
    {
        if (!TryAfter(cursor, out var after)) return null;
        var take = Page.Clamp(limit);
        var page = $"""
            FROM conversation_participants me JOIN conversations c ON c.id = me.conversation_id
            WHERE me.user_id = @UserId {(after is null ? "" : "AND (me.last_message_at < @AfterAt OR (me.last_message_at = @AfterAt AND me.conversation_id < @AfterId))")}
            ORDER BY me.last_message_at DESC, me.conversation_id DESC LIMIT @Take
            """;
        await using var connection = await db.OpenAsync(ct);
        using var results = await connection.QueryMultipleAsync($"""
            SELECT c.id, c.subject, c.message_count, me.last_message_at,
                   (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.id > me.last_read_message_id) AS unread_count
            {page};
            SELECT p.conversation_id, u.user_name, u.display_name
            FROM conversation_participants p JOIN users u ON u.id = p.user_id
            WHERE p.conversation_id IN (SELECT me.conversation_id {page})
            ORDER BY p.conversation_id, p.joined_at, u.id;
            """, new { UserId = userId, AfterAt = after?.At ?? default, AfterId = after?.Id ?? 0, Take = take + 1 });
        var rows = (await results.ReadAsync<SummaryRow>()).ToList();
        var people = (await results.ReadAsync<ParticipantRow>()).ToLookup(p => p.ConversationId, p => new AuthorView(p.UserName, p.DisplayName));
        var items = rows.Select(r => new ConversationSummary
        {
            Id = r.Id,
            Subject = r.Subject,
            MessageCount = r.MessageCount,
            LastMessageAt = r.LastMessageAt,
            UnreadCount = r.UnreadCount,
            Participants = [.. people[r.Id]],
        }).ToList();
        return Page.Keyset(items, take, s => $"{Page.Instant(s.LastMessageAt)}|{s.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>How many of the caller's conversations have unread messages (for the site bar).</summary>
    public async Task<int> UnreadConversationsAsync(long userId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM conversation_participants me JOIN conversations c ON c.id = me.conversation_id
            WHERE me.user_id = @UserId AND c.last_message_id > me.last_read_message_id
            """, new { UserId = userId });
    }

    /// <summary>
    /// One conversation with a page of its messages in order (keyset on message id), for a participant only; then
    /// the caller's read position moves to the last message shown. Null when the caller is not a participant
    /// (or the cursor is malformed: <paramref name="badCursor"/>).
    /// </summary>
    public async Task<(ConversationView? View, bool BadCursor)> ConversationAsync(long id, long userId, string? cursor, int? limit, CancellationToken ct = default)
    {
        var parts = Page.Decode(cursor);
        long afterId = 0;
        if (parts is null || parts.Length > 1 || (parts.Length == 1 && !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out afterId)))
            return (null, true);
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        using var results = await connection.QueryMultipleAsync("""
            SELECT c.id, c.subject, c.created_at, c.message_count, me.last_read_message_id
            FROM conversations c JOIN conversation_participants me ON me.conversation_id = c.id AND me.user_id = @UserId
            WHERE c.id = @Id;
            SELECT u.user_name, u.display_name FROM conversation_participants p JOIN users u ON u.id = p.user_id
            WHERE p.conversation_id = @Id AND EXISTS (SELECT 1 FROM conversation_participants me WHERE me.conversation_id = @Id AND me.user_id = @UserId)
            ORDER BY p.joined_at, u.id;
            SELECT m.id, m.body_html, m.created_at, u.user_name, u.display_name
            FROM messages m JOIN users u ON u.id = m.author_id
            WHERE m.conversation_id = @Id AND m.id > @AfterId
              AND EXISTS (SELECT 1 FROM conversation_participants me WHERE me.conversation_id = @Id AND me.user_id = @UserId)
            ORDER BY m.id LIMIT @Take;
            """, new { Id = id, UserId = userId, AfterId = afterId, Take = take + 1 });
        var header = await results.ReadSingleOrDefaultAsync<HeaderRow>();
        var participants = (await results.ReadAsync<ParticipantRow>()).Select(p => new AuthorView(p.UserName, p.DisplayName)).ToList();
        var messages = (await results.ReadAsync<MessageRow>()).ToList();
        if (header is null) return (null, false);
        var page = Page.Keyset([.. messages.Select(m => new MessageView
        {
            Id = m.Id,
            Author = new AuthorView(m.UserName, m.DisplayName),
            BodyHtml = m.BodyHtml,
            CreatedAt = m.CreatedAt,
            Unread = m.Id > header.LastReadMessageId,
        })], take, m => m.Id.ToString(CultureInfo.InvariantCulture));
        if (page.Items.Count > 0 && page.Items[^1].Id > header.LastReadMessageId)
        {
            await connection.ExecuteAsync("""
                UPDATE conversation_participants SET last_read_message_id = @Last
                WHERE conversation_id = @Id AND user_id = @UserId AND last_read_message_id < @Last
                """, new { Id = id, UserId = userId, Last = page.Items[^1].Id });
        }
        return (new ConversationView
        {
            Id = header.Id,
            Subject = header.Subject,
            CreatedAt = header.CreatedAt,
            MessageCount = header.MessageCount,
            Participants = participants,
            Messages = page.Items,
            Next = page.Next,
        }, false);
    }

    private sealed record After(DateTime At, long Id);

    private static bool TryAfter(string? cursor, out After? after)
    {
        after = null;
        var parts = Page.Decode(cursor);
        if (parts is null) return false;
        if (parts.Length == 0) return true;
        if (parts.Length != 2 || !Page.TryInstant(parts[0], out var at)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        after = new After(at, id);
        return true;
    }

    private sealed record SummaryRow
    {
        public long Id { get; init; }
        public string Subject { get; init; } = "";
        public int MessageCount { get; init; }
        public DateTime LastMessageAt { get; init; }
        public int UnreadCount { get; init; }
    }

    private sealed record ParticipantRow
    {
        public long ConversationId { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
    }

    private sealed record HeaderRow
    {
        public long Id { get; init; }
        public string Subject { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public int MessageCount { get; init; }
        public long LastReadMessageId { get; init; }
    }

    private sealed record MessageRow
    {
        public long Id { get; init; }
        public string BodyHtml { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
    }
}
