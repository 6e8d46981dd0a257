using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Markdown;
using Hearth.Platform.Results;
using Microsoft.Extensions.Options;

namespace Hearth.Features.Moderation;

/// <summary>A post about to be written: where, by whom, and its text (the title too when it opens a topic).</summary>
public sealed record PostDraft(long CommunityId, long AuthorId, long SpaceId, long? TopicId, bool AuthorIsModerator, string? Title, string Body, string BodyHtml);

/// <summary>What the gate decided: the state to write the post in, and the text to write (watched words replaced).</summary>
public sealed record PostVerdict(string State, string? Title, string Body, string BodyHtml, string? HeldBecause)
{
    public bool Held => State == PostStates.Pending;
}

/// <summary>
/// The one check every new post passes, in the writer's transaction: sanctions (site ban or suspension, community
/// suspension — a community ban already ends the membership), slow mode, the trust-0 limits (links, images, mentions,
/// posting rate, first posts held), link-spam and watched words. Moderators pass everything but sanctions.
/// Trust is recomputed here too, on write, from the member's activity so far: one extra command per post.
/// </summary>
public sealed partial class PostingGate(Db db, IOptions<ModerationOptions> options)
{
    private readonly ModerationOptions _o = options.Value;

    [GeneratedRegex(@"(?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_.\-]*)")]
    private static partial Regex Mention();

    [GeneratedRegex("<a ", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex("<img ", RegexOptions.IgnoreCase)]
    private static partial Regex Image();

    public async Task<Result<PostVerdict>> CheckAsync(DbConnection connection, DbTransaction tx, PostDraft draft, DateTime now)
    {
        var rateSince = now.AddSeconds(-_o.NewMemberRateWindowSeconds);
        using var results = await connection.QueryMultipleAsync($"""
            SELECT u.trust_level, u.banned AS site_banned, u.suspended_until AS site_suspended_until,
                   m.suspended_until AS community_suspended_until, c.hold_first_posts,
                   COALESCE((SELECT slow_mode_seconds FROM topics WHERE id = @TopicId), 0) AS topic_slow_mode,
                   COALESCE((SELECT slow_mode_seconds FROM spaces WHERE id = @SpaceId), 0) AS space_slow_mode,
                   (SELECT MAX(p.created_at) FROM posts p WHERE p.author_id = @User AND p.topic_id = @TopicId) AS last_in_topic,
                   (SELECT MAX(p.created_at) FROM posts p JOIN topics t ON t.id = p.topic_id WHERE p.author_id = @User AND t.space_id = @SpaceId) AS last_in_space,
                   (SELECT COUNT(*) FROM posts p WHERE p.author_id = @User AND p.created_at > @RateSince) AS recent_posts,
                   (SELECT COUNT(*) FROM posts p WHERE p.author_id = @User AND p.state = 'Visible') AS visible_posts,
                   (SELECT COUNT(*) FROM posts p JOIN topics t ON t.id = p.topic_id
                    WHERE p.author_id = @User AND t.community_id = @CommunityId AND p.state = 'Visible') AS visible_posts_here,
                   (SELECT COUNT(DISTINCT {(db.IsSqlite ? "substr(a.created_at, 1, 10)" : "(a.created_at AT TIME ZONE 'UTC')::date")})
                    FROM activity_events a WHERE a.user_id = @User) AS active_days,
                   (SELECT COALESCE(SUM(t.post_count), 0) FROM topic_views v JOIN topics t ON t.id = v.topic_id WHERE v.user_id = @User) AS posts_read,
                   (SELECT COUNT(*) FROM flags f WHERE f.flagger_id = @User AND f.state = 'Upheld') AS flags_upheld
            FROM users u
            JOIN communities c ON c.id = @CommunityId
            LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = u.id
            WHERE u.id = @User;
            SELECT word, action, replacement FROM watched_words WHERE community_id = @CommunityId OR community_id IS NULL ORDER BY id;
            """, new { User = draft.AuthorId, draft.CommunityId, draft.SpaceId, TopicId = draft.TopicId ?? 0, RateSince = rateSince }, tx);
        var row = await results.ReadSingleAsync<GateRow>();
        var words = (await results.ReadAsync<WatchedWordRow>()).ToList();

        if (row.SiteBanned) return Problem.Forbidden("Your account is banned from this site; it cannot post.");
        if (row.SiteSuspendedUntil is { } siteUntil && siteUntil > now)
            return Problem.Forbidden($"Your account is suspended until {Instant(siteUntil)}; it cannot post until then.");
        if (row.CommunitySuspendedUntil is { } until && until > now)
            return Problem.Forbidden($"You are suspended in this community until {Instant(until)}; you cannot post here until then.");
        if (draft.AuthorIsModerator) return new PostVerdict(PostStates.Visible, draft.Title, draft.Body, draft.BodyHtml, null);

        if (Wait(row.LastInTopic, row.TopicSlowMode, now) is { } topicWait)
            return Problem.TooManyRequests($"This topic is in slow mode: one post every {row.TopicSlowMode} seconds; try again in {topicWait} s.", topicWait);
        if (Wait(row.LastInSpace, row.SpaceSlowMode, now) is { } spaceWait)
            return Problem.TooManyRequests($"This space is in slow mode: one post every {row.SpaceSlowMode} seconds; try again in {spaceWait} s.", spaceWait);

        var trust = Math.Max(row.TrustLevel, TrustLevels.Compute(_o, new TrustActivity(row.ActiveDays, row.PostsRead, row.VisiblePosts, row.FlagsUpheld)));
        if (trust > row.TrustLevel) await TrustLevels.RaiseAsync(connection, tx, draft.AuthorId, trust);

        var validation = new Validation();
        var links = Link().Count(draft.BodyHtml);
        var mentions = Mention().Matches(draft.Body).Select(m => m.Groups[1].Value.ToUpperInvariant()).Distinct().Count();
        var newMember = trust == 0;
        if (newMember)
        {
            if (links > _o.NewMemberMaxLinks) validation.Add("body", $"New members may put at most {_o.NewMemberMaxLinks} links in a post.");
            if (Image().Count(draft.BodyHtml) > _o.NewMemberMaxImages) validation.Add("body", $"New members may put at most {_o.NewMemberMaxImages} images in a post.");
        }
        var maxMentions = newMember ? _o.NewMemberMaxMentions : _o.MaxMentions;
        if (mentions > maxMentions) validation.Add("body", $"A post may mention at most {maxMentions} people at once.");

        // Watched words: the site's and the community's, whole words, case-insensitive; Block wins over Hold over Replace.
        string? title = draft.Title, body = draft.Body;
        string? held = null;
        foreach (var w in words)
        {
            var pattern = WatchedWords.Pattern(w.Word);
            var inTitle = title is not null && pattern.IsMatch(title);
            var inBody = pattern.IsMatch(body);
            if (!inTitle && !inBody) continue;
            switch (w.Action)
            {
                case nameof(WatchedWordAction.Block):
                    validation.Add(inBody ? "body" : "title", $"This contains a word that is not allowed here: \"{w.Word}\". Reword it and post again.");
                    break;
                case nameof(WatchedWordAction.Hold):
                    held ??= "it contains a watched word";
                    break;
                case nameof(WatchedWordAction.Replace):
                    if (title is not null) title = pattern.Replace(title, w.Replacement);
                    body = pattern.Replace(body, w.Replacement);
                    break;
            }
        }
        if (validation.Problem is { } invalid) return invalid;

        if (newMember)
        {
            if (row.RecentPosts >= _o.NewMemberPostsPerWindow)
                return Problem.TooManyRequests(
                    $"New members post at most {_o.NewMemberPostsPerWindow} times in {_o.NewMemberRateWindowSeconds / 60} minutes; try again later.", _o.NewMemberRateWindowSeconds);
            if (row.HoldFirstPosts && row.VisiblePostsHere < _o.HeldFirstPosts) held ??= "new members' first posts wait for a moderator here";
            // Link spam: a brand-new account whose very first post carries links is the classic spam pattern.
            if (_o.HoldNewAccountLinks && links > 0 && row.VisiblePosts == 0) held ??= "a new account's first post with links waits for a moderator";
        }
        var bodyHtml = ReferenceEquals(body, draft.Body) ? draft.BodyHtml : MarkdownRenderer.ToHtml(body);
        return new PostVerdict(held is null ? PostStates.Visible : PostStates.Pending, title, body, bodyHtml, held);
    }

    private static int? Wait(DateTime? last, int seconds, DateTime now)
    {
        if (seconds <= 0 || last is not { } at) return null;
        var left = (at.AddSeconds(seconds) - now).TotalSeconds;
        return left > 0 ? (int)Math.Ceiling(left) : null;
    }

    private static string Instant(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private sealed record GateRow
    {
        public int TrustLevel { get; init; }
        public bool SiteBanned { get; init; }
        public DateTime? SiteSuspendedUntil { get; init; }
        public DateTime? CommunitySuspendedUntil { get; init; }
        public bool HoldFirstPosts { get; init; }
        public int TopicSlowMode { get; init; }
        public int SpaceSlowMode { get; init; }
        public DateTime? LastInTopic { get; init; }
        public DateTime? LastInSpace { get; init; }
        public int RecentPosts { get; init; }
        public int VisiblePosts { get; init; }
        public int VisiblePostsHere { get; init; }
        public int ActiveDays { get; init; }
        public long PostsRead { get; init; }
        public int FlagsUpheld { get; init; }
    }

    private sealed record WatchedWordRow
    {
        public string Word { get; init; } = "";
        public string Action { get; init; } = "";
        public string Replacement { get; init; } = "";
    }
}
