using System.Globalization;
using System.Text.Json;
using Dapper;
using Hearth.Platform.Data;

namespace Hearth.Features.Accounts;

/// <summary>
/// Everything Hearth holds about a member, as one JSON document they can take away: account and profile,
/// memberships, what they wrote (topics, posts with their Markdown source in any state, article revisions,
/// messages), what they did (votes, reactions, RSVPs, follows, blocks, endorsements, flags), and their
/// notifications, subscriptions, API tokens (names and dates, never the hashes) and uploads. Only their own rows:
/// another member's words appear only as the titles of topics they posted in.
/// Written section by section to the response stream, so a long-time member's export does not sit in memory twice.
/// </summary>
public sealed class ExportMyData(Db db, TimeProvider clock)
{
    public const string Format = "hearth-member-data/1";

    private static readonly (string Name, string Sql)[] Sections =
    [
        ("account", "SELECT user_name, display_name, email, email_confirmed, bio, created_at, trust_level, email_notifications, digest FROM users WHERE id = @Id"),
        ("skills", "SELECT skill FROM user_skills WHERE user_id = @Id ORDER BY position"),
        ("links", "SELECT url FROM user_links WHERE user_id = @Id ORDER BY position"),
        ("memberships", """
            SELECT c.slug AS community, c.name AS community_name, m.role, m.state, m.rules_version_accepted, m.rules_accepted_at, m.joined_at
            FROM memberships m JOIN communities c ON c.id = m.community_id WHERE m.user_id = @Id ORDER BY m.id
            """),
        ("topics", """
            SELECT t.id, c.slug AS community, t.title, t.created_at
            FROM topics t JOIN communities c ON c.id = t.community_id WHERE t.author_id = @Id ORDER BY t.id
            """),
        ("posts", """
            SELECT p.id, p.topic_id, t.title AS topic_title, c.slug AS community, p.post_number, p.reply_to_post_id, p.body, p.state, p.created_at, p.edited_at
            FROM posts p JOIN topics t ON t.id = p.topic_id JOIN communities c ON c.id = t.community_id
            WHERE p.author_id = @Id ORDER BY p.id
            """),
        ("article_revisions", "SELECT topic_id, number, title, summary, body, created_at FROM article_revisions WHERE author_id = @Id ORDER BY id"),
        ("messages", """
            SELECT m.id, m.conversation_id, c.subject, m.body, m.created_at
            FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.author_id = @Id ORDER BY m.id
            """),
        ("post_votes", "SELECT post_id, value, voted_at FROM post_votes WHERE user_id = @Id ORDER BY post_id"),
        ("idea_votes", "SELECT topic_id, voted_at FROM idea_votes WHERE user_id = @Id ORDER BY topic_id"),
        ("poll_votes", "SELECT poll_id, option_id, created_at FROM poll_votes WHERE user_id = @Id ORDER BY poll_id"),
        ("reactions", "SELECT post_id, kind, created_at FROM post_reactions WHERE user_id = @Id ORDER BY post_id"),
        ("rsvps", "SELECT topic_id, state, responded_at FROM event_rsvps WHERE user_id = @Id ORDER BY topic_id"),
        ("following", "SELECT u.user_name, f.created_at FROM user_follows f JOIN users u ON u.id = f.followed_id WHERE f.follower_id = @Id ORDER BY f.created_at"),
        ("blocked", "SELECT u.user_name, b.created_at FROM user_blocks b JOIN users u ON u.id = b.blocked_id WHERE b.blocker_id = @Id ORDER BY b.created_at"),
        ("endorsements_given", """
            SELECT c.slug AS community, e.skill, u.user_name, e.created_at
            FROM endorsements e JOIN communities c ON c.id = e.community_id JOIN users u ON u.id = e.user_id WHERE e.endorser_id = @Id ORDER BY e.created_at
            """),
        ("endorsements_received", """
            SELECT c.slug AS community, e.skill, e.created_at
            FROM endorsements e JOIN communities c ON c.id = e.community_id WHERE e.user_id = @Id ORDER BY e.created_at
            """),
        ("flags_filed", "SELECT id, target_kind, reason, note, state, created_at FROM flags WHERE flagger_id = @Id ORDER BY id"),
        ("notifications", "SELECT kind, text, url, created_at, read_at FROM notifications WHERE user_id = @Id ORDER BY id"),
        ("subscriptions", "SELECT scope, target_id, level, updated_at FROM subscriptions WHERE user_id = @Id ORDER BY id"),
        ("api_tokens", "SELECT name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = @Id ORDER BY id"),
        ("attachments", "SELECT id, file_name, content_type, size, created_at FROM attachments WHERE uploader_id = @Id ORDER BY created_at"),
    ];

    // The columns each engine stores differently (SQLite: text instants, 0/1 flags) come out the same in the file.
    private static readonly HashSet<string> Flags = ["email_confirmed", "email_notifications"];

    public async Task WriteAsync(long userId, Stream output, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("exported_at", clock.GetUtcNow().UtcDateTime);
        foreach (var (name, sql) in Sections)
        {
            json.WritePropertyName(name);
            json.WriteStartArray();
            foreach (IDictionary<string, object?> row in await connection.QueryAsync(new CommandDefinition(sql, new { Id = userId }, cancellationToken: ct)))
            {
                json.WriteStartObject();
                foreach (var (column, value) in row) WriteValue(json, column, value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            await json.FlushAsync(ct);
        }
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string column, object? value)
    {
        json.WritePropertyName(column);
        switch (value)
        {
            case null or DBNull: json.WriteNullValue(); break;
            case string s when column.EndsWith("_at", StringComparison.Ordinal) && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at):
                json.WriteStringValue(at); break;
            case DateTime at: json.WriteStringValue(DateTime.SpecifyKind(at, DateTimeKind.Utc)); break;
            case DateTimeOffset at: json.WriteStringValue(at.UtcDateTime); break;
            case long n when Flags.Contains(column): json.WriteBooleanValue(n != 0); break;
            case bool b: json.WriteBooleanValue(b); break;
            case long n: json.WriteNumberValue(n); break;
            case int n: json.WriteNumberValue(n); break;
            case double n: json.WriteNumberValue(n); break;
            case decimal n: json.WriteNumberValue(n); break;
            default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
