using System.Data.Common;
using Dapper;
using Hearth.Platform.Data;
using Microsoft.Extensions.Options;

namespace Hearth.Features.Moderation;

/// <summary>
/// The figures trust is earned from. Days are days on which the member did something (posted, replied, joined...),
/// read from activity_events; posts read are the posts of the topics the member has opened (topic_views).
/// </summary>
public sealed record TrustActivity(int ActiveDays, long PostsRead, int Replies, int FlagsUpheld);

public sealed record TrustView
{
    public int TrustLevel { get; init; }
    public int ActiveDays { get; init; }
    public long PostsRead { get; init; }
    public int Replies { get; init; }
    public int FlagsUpheld { get; init; }
}

/// <summary>
/// Trust levels 0–3, earned from activity and stored on users.trust_level. They are recomputed on write — when the
/// member posts (the posting gate) and when one of their flags is upheld — so no job has to sweep every account,
/// and a level once earned is kept (a moderator's sanctions, not arithmetic, deal with a member who goes bad).
/// </summary>
public sealed class TrustLevels(Db db, IOptions<ModerationOptions> options)
{
    public static int Compute(ModerationOptions o, TrustActivity a) =>
        a.Replies >= o.Trust3Replies && a.ActiveDays >= o.Trust3Days && a.PostsRead >= o.Trust3PostsRead && a.FlagsUpheld >= o.Trust3FlagsUpheld ? 3
        : a.Replies >= o.Trust2Replies && a.ActiveDays >= o.Trust2Days && a.PostsRead >= o.Trust2PostsRead ? 2
        : a.Replies >= o.Trust1Replies && a.ActiveDays >= o.Trust1Days ? 1
        : 0;

    internal static Task RaiseAsync(DbConnection connection, DbTransaction tx, long userId, int level) =>
        connection.ExecuteAsync("UPDATE users SET trust_level = @Level WHERE id = @Id AND trust_level < @Level", new { Level = level, Id = userId }, tx);

    private string ActivitySql => $"""
        SELECT u.trust_level,
               (SELECT COUNT(DISTINCT {(db.IsSqlite ? "substr(a.created_at, 1, 10)" : "(a.created_at AT TIME ZONE 'UTC')::date")})
                FROM activity_events a WHERE a.user_id = u.id) AS active_days,
               (SELECT COALESCE(SUM(t.post_count), 0) FROM topic_views v JOIN topics t ON t.id = v.topic_id WHERE v.user_id = u.id) AS posts_read,
               (SELECT COUNT(*) FROM posts p WHERE p.author_id = u.id AND p.state = 'Visible') AS replies,
               (SELECT COUNT(*) FROM flags f WHERE f.flagger_id = u.id AND f.state = 'Upheld') AS flags_upheld
        FROM users u WHERE u.id = @Id
        """;

    /// <summary>Recomputes one member's level inside a write (a flag upheld, say) and stores it when it rose.</summary>
    public async Task<int> RecomputeAsync(DbConnection connection, DbTransaction tx, long userId)
    {
        var row = await connection.QuerySingleAsync<TrustView>(ActivitySql, new { Id = userId }, tx);
        var level = Math.Max(row.TrustLevel, Compute(options.Value, new TrustActivity(row.ActiveDays, row.PostsRead, row.Replies, row.FlagsUpheld)));
        if (level > row.TrustLevel) await RaiseAsync(connection, tx, userId, level);
        return level;
    }

    /// <summary>A member's level and the figures behind it.</summary>
    public async Task<TrustView?> ForAsync(long userId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<TrustView>(ActivitySql, new { Id = userId });
    }
}
