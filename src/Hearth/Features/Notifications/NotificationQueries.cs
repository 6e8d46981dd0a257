using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Web;

namespace Hearth.Features.Notifications;

public sealed record NotificationView
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Text { get; init; } = "";
    public string Url { get; init; } = "";
    public string? Actor { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ReadAt { get; init; }
    public bool Read => ReadAt is not null;
}

/// <summary>
/// A member's notifications, newest first. A notification about a community the member has since left is not
/// shown: what they could see then is not theirs to see now.
/// </summary>
public sealed class NotificationQueries(Db db, TimeProvider clock)
{
    public async Task<Page<NotificationView>?> ListAsync(long userId, string? cursor, int? limit, bool unreadOnly = false, CancellationToken ct = default)
    {
        var after = Page.Decode(cursor);
        if (after is null || after.Length > 1 || (after.Length == 1 && !long.TryParse(after[0], out _))) return null;
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<NotificationView>($"""
            SELECT n.id, n.kind, n.text, n.url, a.user_name AS actor, n.created_at, n.read_at
            FROM notifications n
            LEFT JOIN users a ON a.id = n.actor_id
            WHERE n.user_id = @UserId
              AND (n.community_id IS NULL OR EXISTS (
                    SELECT 1 FROM memberships m WHERE m.community_id = n.community_id AND m.user_id = @UserId AND m.state = 'Active'))
              {(unreadOnly ? "AND n.read_at IS NULL" : "")}
              {(after.Length == 1 ? "AND n.id < @After" : "")}
            ORDER BY n.id DESC
            LIMIT @Take
            """, new { UserId = userId, After = after.Length == 1 ? long.Parse(after[0], System.Globalization.CultureInfo.InvariantCulture) : 0, Take = take + 1 })).ToList();
        return Page.Keyset(rows, take, n => n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<int> UnreadCountAsync(long userId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM notifications n
            WHERE n.user_id = @UserId AND n.read_at IS NULL
              AND (n.community_id IS NULL OR EXISTS (
                    SELECT 1 FROM memberships m WHERE m.community_id = n.community_id AND m.user_id = @UserId AND m.state = 'Active'))
            """, new { UserId = userId });
    }

    /// <summary>Marks the given notifications (or all, when none are named) as read; answers how many changed.</summary>
    public async Task<int> MarkReadAsync(long userId, IReadOnlyList<long>? ids, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (ids is null || ids.Count == 0)
            return await connection.ExecuteAsync("UPDATE notifications SET read_at = @Now WHERE user_id = @UserId AND read_at IS NULL", new { UserId = userId, Now = now });
        return await connection.ExecuteAsync(
            "UPDATE notifications SET read_at = @Now WHERE user_id = @UserId AND read_at IS NULL AND id = @Id",
            ids.Distinct().Take(500).Select(id => new { UserId = userId, Now = now, Id = id }));
    }
}
