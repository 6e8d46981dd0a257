using System.Data.Common;
using Dapper;

namespace Hearth.Features.Health;

/// <summary>
/// Reads the rows of <see cref="HealthInputs"/> in one round trip. Medians and distinct counts per rolling day have no
/// portable SQL (PostgreSQL has percentile_cont, SQLite nothing), so the database returns small rows and
/// <see cref="HealthCalculator"/> does the arithmetic. Every statement is bounded by time: topics are reached through
/// (community_id, last_activity_at), which no post of the period can be older than, so the cost grows with the last
/// 12 weeks of activity, not with the community's history.
/// </summary>
internal static class HealthData
{
    private const string Sql = """
        SELECT p.topic_id, p.post_number, p.author_id, p.created_at, s.kind AS space_kind,
               t.author_id AS topic_author_id, t.created_at AS topic_created_at, r.author_id AS reply_to_author_id,
               CASE WHEN p.created_at >= @WindowStart THEN p.body END AS body
        FROM topics t
        JOIN spaces s ON s.id = t.space_id
        JOIN posts p ON p.topic_id = t.id
        LEFT JOIN posts r ON r.id = p.reply_to_post_id
        WHERE t.community_id = @CommunityId AND t.last_activity_at >= @Since AND p.created_at >= @Since AND p.state = 'Visible';

        SELECT t.id, t.author_id, t.created_at, s.kind AS space_kind, t.accepted_at,
               (SELECT MIN(p.created_at) FROM posts p
                WHERE p.topic_id = t.id AND p.post_number > 1 AND p.state = 'Visible' AND p.author_id <> t.author_id) AS first_reply_at,
               (SELECT COUNT(*) FROM posts p WHERE p.topic_id = t.id AND p.post_number > 1 AND p.state = 'Visible') AS answers,
               (SELECT p.author_id FROM posts p WHERE p.id = t.accepted_post_id AND p.state = 'Visible') AS accepted_author_id,
               (SELECT p.author_id FROM posts p WHERE p.topic_id = t.id AND p.post_number =
                   (SELECT MIN(q.post_number) FROM posts q WHERE q.topic_id = t.id AND q.post_number > 1 AND q.state = 'Visible')) AS first_answer_author_id,
               (SELECT MIN(c.created_at) FROM idea_status_changes c WHERE c.topic_id = t.id) AS first_status_at
        FROM topics t
        JOIN spaces s ON s.id = t.space_id
        JOIN posts op ON op.topic_id = t.id AND op.post_number = 1 AND op.state = 'Visible'
        WHERE t.community_id = @CommunityId AND t.last_activity_at >= @WindowStart AND t.created_at >= @WindowStart;

        SELECT e.user_id, e.created_at
        FROM activity_events e
        LEFT JOIN posts p ON p.id = e.post_id
        WHERE e.community_id = @CommunityId AND e.created_at >= @WindowStart AND e.kind NOT IN ('left', 'banned')
          AND (e.post_id IS NULL OR p.state = 'Visible');

        SELECT m.user_id, m.joined_at,
               (SELECT MIN(p.created_at) FROM posts p JOIN topics t ON t.id = p.topic_id
                WHERE p.author_id = m.user_id AND t.community_id = m.community_id AND p.state = 'Visible' AND p.created_at >= m.joined_at) AS first_post_at
        FROM memberships m
        WHERE m.community_id = @CommunityId AND m.state = 'Active' AND m.joined_at >= @WindowStart;

        SELECT user_id FROM memberships WHERE community_id = @CommunityId AND state = 'Active' AND role IN ('Steward', 'Moderator');

        SELECT l.user_id, l.url FROM user_links l
        WHERE l.user_id IN (SELECT p.author_id FROM topics t JOIN posts p ON p.topic_id = t.id
                            WHERE t.community_id = @CommunityId AND t.last_activity_at >= @WindowStart
                              AND p.created_at >= @WindowStart AND p.state = 'Visible');
        """;

    public static async Task<HealthInputs> LoadAsync(DbConnection connection, long communityId, DateTime now)
    {
        using var results = await connection.QueryMultipleAsync(Sql, new
        {
            CommunityId = communityId,
            Since = now.AddDays(-7 * HealthWindow.Weeks),
            WindowStart = now.AddDays(-HealthWindow.Days),
        });
        var posts = (await results.ReadAsync<PostRow>()).ToList();
        var topics = (await results.ReadAsync<TopicRow>()).ToList();
        var events = (await results.ReadAsync<EventRow>()).ToList();
        var members = (await results.ReadAsync<NewMemberRow>()).ToList();
        var staff = (await results.ReadAsync<long>()).ToHashSet();
        var hosts = new Dictionary<long, HashSet<string>>();
        foreach (var link in await results.ReadAsync<LinkRow>())
        {
            if (LinkShare.HostOf(link.Url) is not { } host) continue;
            if (!hosts.TryGetValue(link.UserId, out var set)) hosts[link.UserId] = set = [];
            set.Add(host);
        }
        return new HealthInputs { Posts = posts, Topics = topics, Events = events, NewMembers = members, Staff = staff, ProfileHosts = hosts };
    }

    private sealed record LinkRow
    {
        public long UserId { get; init; }
        public string Url { get; init; } = "";
    }
}
