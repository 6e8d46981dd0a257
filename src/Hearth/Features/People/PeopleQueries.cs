using System.Globalization;
using System.Text.Json.Serialization;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Web;

namespace Hearth.Features.People;

/// <summary>The viewer's own relation to a profile: whether they follow or block the member, or are them.</summary>
public sealed record ProfileViewer(bool IsSelf, bool Follows, bool Blocks);

/// <summary>A member's public profile. Profiles are public; what the member did is filtered per viewer (activity).</summary>
public sealed record MemberProfile
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    /// <summary>The bio's Markdown source.</summary>
    public string Bio { get; init; } = "";
    /// <summary>The bio rendered once on write (safe HTML).</summary>
    public string BioHtml { get; init; } = "";
    public IReadOnlyList<string> Skills { get; init; } = [];
    public IReadOnlyList<string> Links { get; init; } = [];
    public DateTime CreatedAt { get; init; }
    public int Followers { get; init; }
    public int Following { get; init; }
    public ProfileViewer Viewer { get; init; } = new(false, false, false);
}

/// <summary>One thing a member did, as a viewer who may read it sees it.</summary>
public sealed record ActivityItem
{
    /// <summary>topic, reply, accepted_answer or article.</summary>
    public string Kind { get; init; } = "";
    public long PostId { get; init; }
    public long TopicId { get; init; }
    public string Title { get; init; } = "";
    public string Url { get; init; } = "";
    public CommunityRef Community { get; init; } = new("", "");
    public DateTime CreatedAt { get; init; }
}

/// <summary>
/// One member's standing for one skill in one community of practice, with the parts of the score shown.
/// </summary>
public sealed record Expert
{
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public int Score { get; init; }
    /// <summary>Whether the member lists the skill on their profile.</summary>
    public bool Declared { get; init; }
    /// <summary>Their answers accepted on this community's questions tagged with the skill.</summary>
    public int AcceptedAnswers { get; init; }
    /// <summary>Active members of this community who endorse them for the skill.</summary>
    public int Endorsements { get; init; }
    public bool EndorsedByViewer { get; init; }
    [JsonIgnore] public long UserId { get; init; }
}

/// <summary>Read side of People: profiles, activity, the expertise directory.</summary>
public sealed class PeopleQueries(Db db)
{
    /// <summary>How much each part weighs in <see cref="ExpertsAsync"/>; the page prints them beside the parts.</summary>
    public const int DeclaredWeight = 1, AcceptedAnswerWeight = 3, EndorsementWeight = 2;

    public const string ActivityKinds = "topics, replies, answers or articles";

    public async Task<MemberProfile?> ProfileAsync(string userName, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await ProfileAsync(connection, userName, viewer);
    }

    /// <summary>One command for the profile, its skills and links, the follow counts and the viewer's relation.</summary>
    public static async Task<MemberProfile?> ProfileAsync(System.Data.Common.DbConnection connection, string userName, long? viewer, System.Data.Common.DbTransaction? tx = null)
    {
        using var results = await connection.QueryMultipleAsync($"""
            SELECT u.id, u.user_name, u.display_name, u.bio, u.bio_html, u.created_at,
                   (SELECT COUNT(*) FROM user_follows f WHERE f.followed_id = u.id) AS followers,
                   (SELECT COUNT(*) FROM user_follows f WHERE f.follower_id = u.id) AS following,
                   EXISTS (SELECT 1 FROM user_follows f WHERE f.follower_id = @Viewer AND f.followed_id = u.id) AS viewer_follows,
                   {Blocks.IsBlockedSql("@Viewer", "u.id")} AS viewer_blocks
            FROM users u WHERE u.normalized_user_name = @Name AND u.deleted_at IS NULL;
            SELECT s.skill FROM user_skills s JOIN users u ON u.id = s.user_id WHERE u.normalized_user_name = @Name ORDER BY s.position;
            SELECT l.url FROM user_links l JOIN users u ON u.id = l.user_id WHERE u.normalized_user_name = @Name ORDER BY l.position;
            """, new { Name = userName.Trim().ToUpperInvariant(), Viewer = viewer ?? 0 }, tx);
        var row = await results.ReadSingleOrDefaultAsync<ProfileRow>();
        var skills = (await results.ReadAsync<string>()).ToList();
        var links = (await results.ReadAsync<string>()).ToList();
        if (row is null) return null;
        return new MemberProfile
        {
            Id = row.Id,
            UserName = row.UserName,
            DisplayName = row.DisplayName,
            Bio = row.Bio,
            // Bios written before profiles were rendered have no HTML yet: show them as escaped text, once encoded.
            BioHtml = row.BioHtml.Length > 0 || row.Bio.Length == 0 ? row.BioHtml : $"<p>{System.Net.WebUtility.HtmlEncode(row.Bio)}</p>",
            Skills = skills,
            Links = links,
            CreatedAt = row.CreatedAt,
            Followers = row.Followers,
            Following = row.Following,
            Viewer = new ProfileViewer(viewer == row.Id, row.ViewerFollows, row.ViewerBlocks),
        };
    }

    /// <summary>
    /// What a member wrote, newest first, keyset-paginated on (created_at, id): topics they started, replies, their
    /// accepted answers and articles — only in communities the viewer may read (the WHERE clause is
    /// <see cref="CommunityPermissions.MayRead"/>: Public, or the viewer is an active member), and only visible posts.
    /// NotFound for an unknown member; Invalid for an unknown kind or a malformed cursor (the API answers 400).
    /// </summary>
    public async Task<Result<Page<ActivityItem>>> ActivityAsync(string userName, long? viewer, string? kind, string? cursor, int? limit, CancellationToken ct = default)
    {
        var filter = kind switch
        {
            null or "" or "all" => "",
            "topics" => "AND p.post_number = 1 AND s.kind <> 'Articles'",
            "replies" => "AND p.post_number > 1",
            "answers" => "AND t.accepted_post_id = p.id",
            "articles" => "AND p.post_number = 1 AND s.kind = 'Articles'",
            _ => null,
        };
        if (filter is null) return Problem.Field("kind", $"Kind must be {ActivityKinds}.");
        if (!TryAfter(cursor, out var after)) return Problem.Field("cursor", "The cursor is not valid.");
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        // Put together from constants only; what the caller sent travels as parameters. One round trip: the member's id (to tell an unknown member from a quiet one) and the page, by that id.
        using var results = await connection.QueryMultipleAsync($"""
            SELECT id FROM users WHERE normalized_user_name = @Name;
            SELECT p.id AS post_id, p.post_number, p.created_at, t.id AS topic_id, t.title, t.slug AS topic_slug,
                   s.kind AS space_kind, t.accepted_post_id, c.slug AS community_slug, c.name AS community_name
            FROM posts p
            JOIN topics t ON t.id = p.topic_id
            JOIN spaces s ON s.id = t.space_id
            JOIN communities c ON c.id = t.community_id
            LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = @Viewer
            WHERE p.author_id = (SELECT id FROM users WHERE normalized_user_name = @Name) AND p.state = 'Visible'
              AND (c.visibility = 'Public' OR m.state = 'Active')
              {filter}
              {(after is null ? "" : "AND (p.created_at < @AfterAt OR (p.created_at = @AfterAt AND p.id < @AfterId))")}
            ORDER BY p.created_at DESC, p.id DESC
            LIMIT @Take;
            """, new { Name = userName.Trim().ToUpperInvariant(), Viewer = viewer ?? 0, AfterAt = after?.At ?? default, AfterId = after?.Id ?? 0, Take = take + 1 });
        var userId = await results.ReadSingleOrDefaultAsync<long?>();
        var rows = (await results.ReadAsync<ActivityRow>()).ToList();
        if (userId is null) return Problem.NotFound("No such member.");
        return Page.Keyset([.. rows.Select(r => r.Item())], take, i => $"{Page.Instant(i.CreatedAt)}|{i.PostId}");
    }

    /// <summary>
    /// "Who knows X" in a community of practice. The score of an active member for skill X is
    /// <c>1 × declared + 3 × accepted answers + 2 × endorsements</c>, where declared is 1 when X is on their profile,
    /// accepted answers counts their visible answers accepted on this community's questions tagged X, and
    /// endorsements counts this community's active members who endorse them for X. Why these weights: saying you
    /// know something is cheap, so it only gets you listed; peers vouching is worth more; having actually solved
    /// someone's problem, as judged by the asker, is the strongest evidence. Candidates come from the three sources
    /// by index (skill, tag, endorsement), so the cost follows the people who relate to X, not the community's size.
    /// Ties go to the earlier account (user id). Keyset-paginated on (score, user id).
    /// </summary>
    public async Task<Result<Page<Expert>>> ExpertsAsync(CommunityAccess c, string skill, long? viewer, string? cursor, int? limit, CancellationToken ct = default)
    {
        if (!TryScoreAfter(cursor, out var after)) return Problem.Field("cursor", "The cursor is not valid.");
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<Expert>($"""
            SELECT x.* FROM (
                SELECT u.id AS user_id, u.user_name, u.display_name, r.declared, r.accepted_answers, r.endorsements,
                       r.declared * {DeclaredWeight} + r.accepted_answers * {AcceptedAnswerWeight} + r.endorsements * {EndorsementWeight} AS score,
                       EXISTS (SELECT 1 FROM endorsements ve WHERE ve.community_id = @CommunityId AND ve.skill = @Skill
                               AND ve.user_id = u.id AND ve.endorser_id = @Viewer) AS endorsed_by_viewer
                FROM (
                    SELECT k.user_id,
                           CASE WHEN EXISTS (SELECT 1 FROM user_skills us WHERE us.user_id = k.user_id AND us.skill = @Skill) THEN 1 ELSE 0 END AS declared,
                           (SELECT COUNT(*) FROM topic_tags tt JOIN topics t ON t.id = tt.topic_id JOIN posts p ON p.id = t.accepted_post_id
                            WHERE tt.community_id = @CommunityId AND tt.tag = @Skill AND p.author_id = k.user_id AND p.state = 'Visible') AS accepted_answers,
                           (SELECT COUNT(*) FROM endorsements e JOIN memberships em ON em.community_id = e.community_id AND em.user_id = e.endorser_id AND em.state = 'Active'
                            WHERE e.community_id = @CommunityId AND e.skill = @Skill AND e.user_id = k.user_id) AS endorsements
                    FROM (
                        SELECT us.user_id FROM user_skills us WHERE us.skill = @Skill
                        UNION
                        SELECT p.author_id FROM topic_tags tt JOIN topics t ON t.id = tt.topic_id JOIN posts p ON p.id = t.accepted_post_id
                        WHERE tt.community_id = @CommunityId AND tt.tag = @Skill
                        UNION
                        SELECT e.user_id FROM endorsements e WHERE e.community_id = @CommunityId AND e.skill = @Skill
                    ) k
                    JOIN memberships m ON m.community_id = @CommunityId AND m.user_id = k.user_id AND m.state = 'Active'
                ) r
                JOIN users u ON u.id = r.user_id
            ) x
            WHERE x.score > 0 {(after is null ? "" : "AND (x.score < @AfterScore OR (x.score = @AfterScore AND x.user_id > @AfterId))")}
            ORDER BY x.score DESC, x.user_id
            LIMIT @Take
            """, new { CommunityId = c.Id, Skill = skill, Viewer = viewer ?? 0, AfterScore = after?.Score ?? 0, AfterId = after?.Id ?? 0, Take = take + 1 })).ToList();
        return Page.Keyset(rows, take, e => $"{e.Score.ToString(CultureInfo.InvariantCulture)}|{e.UserId.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The skills most members of a community list, for the directory's "try" links. Active members only.</summary>
    public async Task<IReadOnlyList<string>> CommonSkillsAsync(long communityId, int take = 20, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return [.. await connection.QueryAsync<string>("""
            SELECT us.skill FROM memberships m JOIN user_skills us ON us.user_id = m.user_id
            WHERE m.community_id = @CommunityId AND m.state = 'Active'
            GROUP BY us.skill ORDER BY COUNT(*) DESC, us.skill LIMIT @Take
            """, new { CommunityId = communityId, Take = take })];
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

    private sealed record ScoreAfter(int Score, long Id);

    private static bool TryScoreAfter(string? cursor, out ScoreAfter? after)
    {
        after = null;
        var parts = Page.Decode(cursor);
        if (parts is null) return false;
        if (parts.Length == 0) return true;
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var score)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        after = new ScoreAfter(score, id);
        return true;
    }

    private sealed record ProfileRow
    {
        public long Id { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Bio { get; init; } = "";
        public string BioHtml { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public int Followers { get; init; }
        public int Following { get; init; }
        public bool ViewerFollows { get; init; }
        public bool ViewerBlocks { get; init; }
    }

    private sealed record ActivityRow
    {
        public long PostId { get; init; }
        public int PostNumber { get; init; }
        public DateTime CreatedAt { get; init; }
        public long TopicId { get; init; }
        public string Title { get; init; } = "";
        public string TopicSlug { get; init; } = "";
        public string SpaceKind { get; init; } = "";
        public long? AcceptedPostId { get; init; }
        public string CommunitySlug { get; init; } = "";
        public string CommunityName { get; init; } = "";

        public ActivityItem Item() => new()
        {
            Kind = PostNumber == 1 ? (SpaceKind == nameof(Discussions.SpaceKind.Articles) ? "article" : "topic")
                : AcceptedPostId == PostId ? "accepted_answer" : "reply",
            PostId = PostId,
            TopicId = TopicId,
            Title = Title,
            Url = PostNumber == 1 ? Topics.Url(TopicId, TopicSlug) : $"{Topics.Url(TopicId, TopicSlug)}#post-{PostNumber}",
            Community = new CommunityRef(CommunitySlug, CommunityName),
            CreatedAt = CreatedAt,
        };
    }
}
