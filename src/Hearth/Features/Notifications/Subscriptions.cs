using System.Data.Common;
using Dapper;

namespace Hearth.Features.Notifications;

/// <summary>
/// How closely a member follows a community, a space or a topic. Watch: every new post, on the site and by e-mail.
/// Track: every new post, on the site only. Normal: only what is addressed to you (a reply to your post).
/// Mute: nothing at all, not even replies to you.
/// </summary>
public enum SubscriptionLevel { Watch, Track, Normal, Mute }

public static class SubscriptionScopes
{
    public const string Community = "community";
    public const string Space = "space";
    public const string Topic = "topic";
}

/// <summary>
/// Who hears of a new post. The most specific row wins (topic over space over community); with none, an
/// announcement space is watched by its members and everything else is normal. Recipients are always active members
/// of the community: a private or restricted community's outsiders and people who left are never told.
/// </summary>
public static class Subscriptions
{
    public static string Name(SubscriptionLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>A default watch (own topic, a topic replied to) that never overrides a level the member chose.</summary>
    public static Task WatchByDefaultAsync(DbConnection connection, DbTransaction tx, long userId, long topicId, DateTime now) =>
        connection.ExecuteAsync("""
            INSERT INTO subscriptions (user_id, scope, target_id, level, updated_at) VALUES (@UserId, 'topic', @TopicId, 'watch', @Now)
            ON CONFLICT (user_id, scope, target_id) DO NOTHING
            """, new { UserId = userId, TopicId = topicId, Now = now }, tx);

    public static Task SetAsync(DbConnection connection, DbTransaction tx, long userId, string scope, long targetId, SubscriptionLevel level, DateTime now) =>
        connection.ExecuteAsync("""
            INSERT INTO subscriptions (user_id, scope, target_id, level, updated_at) VALUES (@UserId, @Scope, @TargetId, @Level, @Now)
            ON CONFLICT (user_id, scope, target_id) DO UPDATE SET level = excluded.level, updated_at = excluded.updated_at
            """, new { UserId = userId, Scope = scope, TargetId = targetId, Level = Name(level), Now = now }, tx);

    /// <summary>A member's effective level for a topic, or null when they are not an active member of its community.</summary>
    public static async Task<SubscriptionLevel?> LevelAsync(DbConnection connection, DbTransaction tx, long userId, long topicId)
    {
        var level = await connection.QuerySingleOrDefaultAsync<Row>($"""
            SELECT m.user_id, {Effective} AS level
            FROM topics t
            JOIN spaces s ON s.id = t.space_id
            JOIN memberships m ON m.community_id = t.community_id AND m.state = 'Active'
            {Joins}
            WHERE t.id = @TopicId AND m.user_id = @UserId
            """, new { TopicId = topicId, UserId = userId }, tx);
        return level is null ? null : Parse(level.Level);
    }

    /// <summary>
    /// The members to tell of a new post in a topic, with their level (watch or track only). A reply reaches the
    /// topic's followers; a new topic also reaches the followers of its space and community, and in an announcement
    /// space every member who has not muted it.
    /// </summary>
    public static async Task<IReadOnlyList<(long UserId, SubscriptionLevel Level)>> FollowersAsync(DbConnection connection, DbTransaction tx, long topicId, bool newTopic)
    {
        // Candidates come from the subscription rows (indexed by target), so a reply in a large community reads only
        // the few who follow the topic; only a new announcement reads the whole roster.
        var candidates = newTopic
            ? """
              (EXISTS (SELECT 1 FROM subscriptions x WHERE x.user_id = m.user_id AND x.level IN ('watch', 'track')
                  AND ((x.scope = 'topic' AND x.target_id = t.id) OR (x.scope = 'space' AND x.target_id = t.space_id) OR (x.scope = 'community' AND x.target_id = t.community_id)))
               OR s.kind = 'Announcements')
              """
            : "m.user_id IN (SELECT x.user_id FROM subscriptions x WHERE x.scope = 'topic' AND x.target_id = t.id AND x.level IN ('watch', 'track'))";
        var effective = newTopic ? Effective : "st.level";
        var rows = await connection.QueryAsync<Row>($"""
            SELECT m.user_id, {effective} AS level
            FROM topics t
            JOIN spaces s ON s.id = t.space_id
            JOIN memberships m ON m.community_id = t.community_id AND m.state = 'Active'
            {Joins}
            WHERE t.id = @TopicId AND {candidates}
            """, new { TopicId = topicId }, tx);
        return [.. rows.Select(r => (r.UserId, Parse(r.Level))).Where(r => r.Item2 is SubscriptionLevel.Watch or SubscriptionLevel.Track)];
    }

    private const string Joins = """
        LEFT JOIN subscriptions st ON st.user_id = m.user_id AND st.scope = 'topic' AND st.target_id = t.id
        LEFT JOIN subscriptions ss ON ss.user_id = m.user_id AND ss.scope = 'space' AND ss.target_id = t.space_id
        LEFT JOIN subscriptions sc ON sc.user_id = m.user_id AND sc.scope = 'community' AND sc.target_id = t.community_id
        """;

    private const string Effective = "COALESCE(st.level, ss.level, sc.level, CASE WHEN s.kind = 'Announcements' THEN 'watch' ELSE 'normal' END)";

    public static SubscriptionLevel Parse(string? level) => level switch
    {
        "watch" => SubscriptionLevel.Watch,
        "track" => SubscriptionLevel.Track,
        "mute" => SubscriptionLevel.Mute,
        _ => SubscriptionLevel.Normal,
    };

    private sealed record Row
    {
        public long UserId { get; init; }
        public string? Level { get; init; }
    }
}
