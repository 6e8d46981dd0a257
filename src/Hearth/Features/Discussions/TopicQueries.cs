using System.Data.Common;
using System.Globalization;
using System.Text.Json.Serialization;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Events;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Web;

namespace Hearth.Features.Discussions;

public sealed record AuthorView(string UserName, string DisplayName);

public sealed record SpaceRef(string Slug, string Name, string Kind);

public sealed record CommunityRef(string Slug, string Name);

public sealed record SpaceView
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Description { get; init; } = "";
    public int TopicCount { get; init; }
    [JsonIgnore] public string WhoCanStart { get; init; } = "";
    /// <summary>False when the space's topics take no replies (an announcements board, say).</summary>
    public bool AllowReplies { get; init; } = true;
}

public sealed record TopicSummary
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    /// <summary>The space's slug.</summary>
    public string Space { get; init; } = "";
    public AuthorView Author { get; init; } = new("", "");
    public int ReplyCount { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime LastActivityAt { get; init; }
    public bool Pinned { get; init; }
    public bool Locked { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Questions: an answer has been accepted.</summary>
    public bool Solved { get; init; }
    /// <summary>Ideas only: how many members voted for the idea, and its status.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Votes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Status { get; init; }
    [JsonIgnore] public string Url => Topics.Url(Id, Slug);
    [JsonIgnore] public string LastPosterUserName { get; init; } = "";
    /// <summary>Signed-in viewers only: posts after the last one they read, and whether they never opened the topic.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Unread { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? New { get; init; }
    /// <summary>The first post the viewer has not read, for "jump to first unread".</summary>
    [JsonIgnore] public int? FirstUnreadPostNumber { get; init; }
}

public sealed record PostView
{
    public long Id { get; init; }
    public int PostNumber { get; init; }
    public AuthorView Author { get; init; } = new("", "");
    public string BodyHtml { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    /// <summary>The id of the post this one answers, in the same topic.</summary>
    public long? ReplyTo { get; init; }
    [JsonIgnore] public int? ReplyToPostNumber { get; init; }
    /// <summary>Questions: the sum of the members' votes on this answer.</summary>
    public int Score { get; init; }
    /// <summary>The viewer's own vote on this post: 1, -1, or 0 for none.</summary>
    public int MyVote { get; init; }
    /// <summary>Visible, or Deleted (by its author), Hidden (by a moderator), Pending (held for approval): those show no body.</summary>
    public string State { get; init; } = "Visible";
    /// <summary>When the post was last edited, or null when never; its revisions are at /api/v1/posts/{id}/revisions.</summary>
    public DateTime? EditedAt { get; init; }
    public bool Edited => EditedAt is not null;
    /// <summary>How many members reacted with each kind (only kinds with at least one), and the viewer's own kinds.</summary>
    public IReadOnlyDictionary<string, int> Reactions { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<string> MyReactions { get; init; } = [];
    [JsonIgnore] public long AuthorId { get; init; }
    /// <summary>The viewer has blocked the author: the page shows the post collapsed.</summary>
    [JsonIgnore] public bool AuthorBlocked { get; init; }
    [JsonIgnore] public bool IsVisible => State == "Visible";
}

public sealed record TopicView
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Url => Topics.Url(Id, Slug);
    /// <summary>The kind of the topic's space (Discussion, Questions, ...).</summary>
    public string Kind { get; init; } = "";
    public SpaceRef Space { get; init; } = new("", "", "");
    public CommunityRef Community { get; init; } = new("", "");
    public AuthorView Author { get; init; } = new("", "");
    public DateTime CreatedAt { get; init; }
    public DateTime LastActivityAt { get; init; }
    public int ReplyCount { get; init; }
    public bool Locked { get; init; }
    /// <summary>An archived topic is kept for reading and takes no replies.</summary>
    public bool Archived { get; init; }
    public bool Pinned { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<PostView> Posts { get; init; } = [];
    public string? Next { get; init; }
    /// <summary>Whether the topic's space takes replies.</summary>
    public bool AllowReplies { get; init; } = true;
    /// <summary>How many members other than the author have opened it; kept for Announcements only, null elsewhere.</summary>
    public int? SeenCount { get; init; }
    /// <summary>The active members other than the author: the "of N" of "seen by".</summary>
    [JsonIgnore] public int Audience { get; init; }
    [JsonIgnore] public bool ViewerSeen { get; init; }
    [JsonIgnore] public long AuthorId { get; init; }
    /// <summary>When, where and who is coming (Events spaces only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public EventView? Event { get; init; }
    /// <summary>Questions: whether an answer is accepted, and which (topics.accepted_post_id).</summary>
    public bool Solved => AcceptedPostId is not null;
    public long? AcceptedPostId { get; init; }
    /// <summary>Ideas only: the members' votes, the status, every change of it (oldest first), and the viewer's vote (1 or 0).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Votes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Status { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<Ideas.IdeaStatusChange>? StatusHistory { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? MyVote { get; init; }
    /// <summary>The topic's poll, when it has one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Conversation.PollView? Poll { get; init; }
    /// <summary>Signed-in viewers: the last post number they had read before this visit (0 for never).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? LastReadPostNumber { get; init; }
    [JsonIgnore] public int PostCount { get; init; }
    /// <summary>The community with the viewer's relation, for the page's permission checks; never serialised.</summary>
    [JsonIgnore] public CommunityAccess Access { get; init; } = new();
    /// <summary>The viewer's own subscription level for this topic (null: none chosen), for the follow control.</summary>
    [JsonIgnore] public string? ViewerFollowLevel { get; init; }
}

public sealed record SpaceListing(CommunityAccess Community, IReadOnlyList<SpaceView> Spaces);

/// <summary>A community's topics as one page of a list, with what the page around it needs.</summary>
public sealed record TopicListing(CommunityAccess Community, SpaceView? Space, Page<TopicSummary> Topics);

/// <summary>
/// Where a topic list resumes: after the topic last shown, in (last activity, id) descending order — in a space,
/// (pinned, last activity, id), so the cursor carries whether that topic was pinned.
/// </summary>
public sealed record TopicCursor(DateTime At, long Id, bool Pinned = false, int Count = 0)
{
    /// <summary>The raw cursor text of a topic, which <see cref="Page.Keyset"/> encodes.</summary>
    public static string Of(TopicSummary t) => $"{Page.Instant(t.LastActivityAt)}|{t.Id.ToString(CultureInfo.InvariantCulture)}|{(t.Pinned ? "1" : "0")}";

    /// <summary>The cursor of the top list: (reply count, id), marked "n" so it is never read as an instant.</summary>
    public static string OfTop(TopicSummary t) => $"n|{t.ReplyCount.ToString(CultureInfo.InvariantCulture)}|{t.Id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>False for a malformed cursor (answer 400); true with null for none.</summary>
    public static bool TryParse(string? cursor, out TopicCursor? after)
    {
        after = null;
        var parts = Page.Decode(cursor);
        if (parts is null) return false;
        if (parts.Length == 0) return true;
        if (parts.Length == 3 && parts[0] == "n")
        {
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var topId)) return false;
            after = new TopicCursor(default, topId, Count: count);
            return true;
        }
        if (parts.Length is not (2 or 3) || !Page.TryInstant(parts[0], out var at)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || (parts.Length == 3 && parts[2] is not ("0" or "1"))) return false;
        after = new TopicCursor(at, id, parts.Length == 3 && parts[2] == "1");
        return true;
    }
}

/// <summary>How a topic list is ordered: latest activity, top (most replies, started within a period), or unanswered.</summary>
public sealed record TopicSort(string By, TimeSpan? Since = null)
{
    public const string LatestName = "latest";
    public const string Top = "top";
    public const string Unanswered = "unanswered";

    public static readonly TopicSort Latest = new(LatestName);

    /// <summary>Null when the sort or period is not one of ours (the caller answers 400).</summary>
    public static TopicSort? Parse(string? sort, string? period)
    {
        var by = string.IsNullOrEmpty(sort) ? LatestName : sort;
        if (by is not (LatestName or Top or Unanswered)) return null;
        if (by != Top) return period is null ? new TopicSort(by) : null;
        TimeSpan? since = period switch
        {
            "day" => TimeSpan.FromDays(1),
            "week" => TimeSpan.FromDays(7),
            "month" => TimeSpan.FromDays(30),
            "year" => TimeSpan.FromDays(365),
            null or "" or "all" => null,
            _ => TimeSpan.MinValue,
        };
        return since == TimeSpan.MinValue ? null : new TopicSort(by, since);
    }
}

/// <summary>A tag of a community and how many topics carry it.</summary>
public sealed record TagCount
{
    public string Tag { get; init; } = "";
    public int Topics { get; init; }
}

/// <summary>Where a topic page resumes: after the post number last shown.</summary>
public static class PostCursor
{
    /// <summary>The raw cursor text that starts a page after <paramref name="postNumber"/>; <see cref="Page.Keyset"/> encodes it.</summary>
    public static string Of(int postNumber) => postNumber.ToString(CultureInfo.InvariantCulture);

    public static string Encode(int postNumber) => Page.Encode(Of(postNumber));

    public static bool TryParse(string? cursor, out int after)
    {
        after = 0;
        var parts = Page.Decode(cursor);
        if (parts is null) return false;
        if (parts.Length == 0) return true;
        return parts.Length == 1 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out after);
    }
}

public static class Topics
{
    public static string Url(long id, string slug) => $"/t/{id.ToString(CultureInfo.InvariantCulture)}/{slug}";
}

/// <summary>
/// Read side of discussions. The hot paths (topic list, topic page) are projections with keyset pagination over the
/// (space_id | community_id, last_activity_at, id) and (topic_id, post_number) indexes, and run a fixed number of
/// commands whatever the size of the topic: the access row first (authorisation decides in C#, with the same
/// <see cref="CommunityPermissions"/> as every feature), then one multi-statement command for the page.
/// </summary>
public sealed class TopicQueries(Db db, TimeProvider clock)
{
    private const string SpaceColumns = "SELECT id, slug, name, kind, description, who_can_start, topic_count, allow_replies FROM spaces";

    internal const string TopicColumns = """
        SELECT t.id, t.title, t.slug, s.slug AS space_slug, t.reply_count, t.created_at, t.last_activity_at, t.pinned, t.locked,
               u.user_name AS author_user_name, u.display_name AS author_display_name, lu.user_name AS last_poster_user_name,
               s.kind AS space_kind, t.accepted_post_id, t.vote_count, t.idea_status
        FROM topics t
        JOIN spaces s ON s.id = t.space_id
        JOIN users u ON u.id = t.author_id
        JOIN users lu ON lu.id = t.last_post_user_id
        """;

    // The list with the viewer's read state joined in: one row per topic, so unread counts cost no extra query.
    private static readonly string ViewerTopicColumns = TopicColumns.Replace("FROM topics t", """
        , t.post_count, tr.last_read_post_number
        FROM topics t
        LEFT JOIN topic_reads tr ON tr.topic_id = t.id AND tr.user_id = @Viewer
        """, StringComparison.Ordinal);

    // The two list filters, each matching one index so the ORDER BY is read straight off it.
    private const string InSpace = "t.space_id = (SELECT id FROM spaces WHERE community_id = @CommunityId AND slug = @Space)";
    private const string InCommunity = "t.community_id = @CommunityId";
    private const string Keyset = "AND (t.last_activity_at, t.id) < (@AfterAt, @AfterId)";
    private const string Newest = "ORDER BY t.last_activity_at DESC, t.id DESC LIMIT @Take";
    // A space lists its pinned topics first; the cursor carries all three keys, so paging has no gaps or repeats.
    private const string PinnedKeyset = "AND (t.pinned, t.last_activity_at, t.id) < (@AfterPinned, @AfterAt, @AfterId)";
    private const string PinnedFirst = "ORDER BY t.pinned DESC, t.last_activity_at DESC, t.id DESC LIMIT @Take";
    // Top: most replies first among the topics of the period; no index serves it, the period bounds the rows sorted.
    private const string TopKeyset = "AND (t.reply_count, t.id) < (@AfterCount, @AfterId)";
    private const string TopFirst = "ORDER BY t.reply_count DESC, t.id DESC LIMIT @Take";

    /// <summary>The spaces of a community, in their order, for a viewer who may read it.</summary>
    public async Task<Result<SpaceListing>> SpacesAsync(string slug, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (c is null || !TopicPermissions.MayRead(c)) return Problem.NotFound("No such community.");
        var spaces = await connection.QueryAsync<SpaceView>($"{SpaceColumns} WHERE community_id = @CommunityId ORDER BY position, id", new { CommunityId = c.Id });
        return new SpaceListing(c, [.. spaces]);
    }

    /// <summary>
    /// One page of a community's topics (or one space's), latest activity first — or by <paramref name="sort"/>: top (most
    /// replies among those started in the period) or unanswered (no replies yet) — optionally with one tag. Unknown or
    /// unreadable communities and unknown spaces are NotFound. Two commands: the access row, then the space, the topics
    /// (with the viewer's read state) and their tags together.
    /// </summary>
    public async Task<Result<TopicListing>> ListAsync(string slug, string? space, long? viewer, TopicCursor? after, int? limit,
        string? tag = null, TopicSort? sort = null, CancellationToken ct = default)
    {
        var take = Page.Clamp(limit);
        sort ??= TopicSort.Latest;
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (c is null || !TopicPermissions.MayRead(c)) return Problem.NotFound("No such community.");

        // The SQL is put together from the constants above only; what the caller sent travels as parameters.
        var top = sort.By == TopicSort.Top;
        var filter = (space is null ? InCommunity : InSpace)
            + (tag is null ? "" : " AND EXISTS (SELECT 1 FROM topic_tags g WHERE g.topic_id = t.id AND g.tag = @Tag)")
            + (sort.By == TopicSort.Unanswered ? " AND t.reply_count = 0" : "")
            + (top && sort.Since is not null ? " AND t.created_at >= @Since" : "")
            + (after is null ? "" : " " + (top ? TopKeyset : space is null ? Keyset : PinnedKeyset));
        var order = top ? TopFirst : space is null ? Newest : PinnedFirst;
        var sql = $"""
            {ViewerTopicColumns} WHERE {filter} {order};
            SELECT topic_id, tag FROM topic_tags WHERE topic_id IN (SELECT t.id FROM topics t WHERE {filter} {order}) ORDER BY topic_id, tag;
            """;
        if (space is not null) sql = $"{SpaceColumns} WHERE community_id = @CommunityId AND slug = @Space;\n{sql}";
        using var results = await connection.QueryMultipleAsync(sql, new
        {
            CommunityId = c.Id,
            Space = space?.ToLowerInvariant(),
            Tag = tag?.Trim().ToLowerInvariant(),
            Since = sort.Since is { } period ? clock.GetUtcNow().UtcDateTime - period : default,
            AfterAt = after?.At ?? default,
            AfterId = after?.Id ?? 0,
            AfterPinned = after?.Pinned ?? false,
            AfterCount = after?.Count ?? 0,
            Viewer = viewer ?? 0,
            Take = take + 1,
        });
        var spaceRow = space is null ? null : await results.ReadSingleOrDefaultAsync<SpaceView>();
        var rows = (await results.ReadAsync<TopicRow>()).ToList();
        var tags = (await results.ReadAsync<TagRow>()).ToLookup(t => t.TopicId, t => t.Tag);
        if (space is not null && spaceRow is null) return Problem.NotFound("No such space.");
        return new TopicListing(c, spaceRow, Page.Keyset([.. rows.Select(r => r.Summary(tags[r.Id], viewer is not null))], take,
            top ? TopicCursor.OfTop : TopicCursor.Of));
    }

    /// <summary>A community's tags with how many topics carry each, most used first; NotFound for what the viewer may not read.</summary>
    public async Task<Result<(CommunityAccess Community, IReadOnlyList<TagCount> Tags)>> TagsAsync(string slug, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (c is null || !TopicPermissions.MayRead(c)) return Problem.NotFound("No such community.");
        var tags = await connection.QueryAsync<TagCount>("""
            SELECT tag, COUNT(*) AS topics FROM topic_tags WHERE community_id = @CommunityId GROUP BY tag ORDER BY COUNT(*) DESC, tag LIMIT 500
            """, new { CommunityId = c.Id });
        return (c, (IReadOnlyList<TagCount>)[.. tags]);
    }

    /// <summary>A community home's spaces and latest topics, in one command; the caller has already checked MayRead.</summary>
    public async Task<(IReadOnlyList<SpaceView> Spaces, IReadOnlyList<TopicSummary> Latest)> HomeAsync(long communityId, long? viewer = null, int latest = 10, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        using var results = await connection.QueryMultipleAsync($"""
            {SpaceColumns} WHERE community_id = @CommunityId ORDER BY position, id;
            {ViewerTopicColumns} WHERE {InCommunity} {Newest};
            """, new { CommunityId = communityId, Take = latest, Viewer = viewer ?? 0 });
        var spaces = (await results.ReadAsync<SpaceView>()).ToList();
        var topics = (await results.ReadAsync<TopicRow>()).Select(r => r.Summary([], viewer is not null)).ToList();
        return (spaces, topics);
    }

    /// <summary>
    /// A topic with one page of its visible posts (by post number, after <paramref name="afterPostNumber"/>), or null when it
    /// does not exist or the viewer may not read its community. Two commands whatever the length of the topic.
    /// </summary>
    public async Task<TopicView?> TopicAsync(long id, long? viewer, int afterPostNumber = 0, int? limit = null, CancellationToken ct = default)
    {
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        var header = await HeaderAsync(connection, id, viewer);
        if (header is null || !TopicPermissions.MayRead(header.Access)) return null;

        // Questions list the accepted answer first, then by score; ideas add their status history and the viewer's vote.
        var question = header.SpaceKind == nameof(SpaceKind.Questions);
        var idea = header.SpaceKind == nameof(SpaceKind.Ideas);
        // Every post keeps its place (and number); one that is not Visible shows no body except to moderators, decided
        // here in SQL so the text never leaves the database for anyone else.
        var pageFilter = $"""
            p.topic_id = @Id AND {(question ? Questions.AnswerOrder.After(afterPostNumber) : "p.post_number > @After")}
            ORDER BY {(question ? Questions.AnswerOrder.OrderBy : "p.post_number")}
            LIMIT @Take
            """;
        using var results = await connection.QueryMultipleAsync($"""
            SELECT tag FROM topic_tags WHERE topic_id = @Id ORDER BY tag;
            SELECT p.id, p.post_number, CASE WHEN p.state = 'Visible' OR @Moderator THEN p.body_html ELSE '' END AS body_html,
                   p.created_at, p.reply_to_post_id AS reply_to, r.post_number AS reply_to_post_number, p.state, p.edited_at, p.author_id,
                   u.user_name AS author_user_name, u.display_name AS author_display_name, p.score, COALESCE(v.value, 0) AS my_vote,
                   {People.Blocks.IsBlockedSql("@Viewer", "p.author_id")} AS author_blocked
            FROM posts p
            JOIN users u ON u.id = p.author_id
            LEFT JOIN posts r ON r.id = p.reply_to_post_id
            LEFT JOIN post_votes v ON v.post_id = p.id AND v.user_id = @Viewer
            WHERE {pageFilter};
            {Conversation.ReactionQueries.PageSql("SELECT p.id FROM posts p WHERE " + pageFilter)}
            {Conversation.Polls.TopicSql}
            {(idea ? Ideas.IdeaTopicParts.Sql : "")}
            """, new { Id = id, After = afterPostNumber, Take = take + 1, Viewer = viewer ?? 0, Accepted = header.AcceptedPostId, Moderator = header.Access.IsModerator });
        var tags = (await results.ReadAsync<string>()).ToList();
        var posts = await Conversation.ReactionQueries.ReadPageAsync(results, (await results.ReadAsync<PostRow>()).Select(p => p.View).ToList());
        var poll = await Conversation.Polls.ReadAsync(results, clock.GetUtcNow().UtcDateTime);
        var page = Page.Keyset(posts, take, p => PostCursor.Of(p.PostNumber));
        var view = header.View(tags) with { Posts = page.Items, Next = page.Next, LastReadPostNumber = viewer is null ? null : header.ViewerLastRead ?? 0, Poll = poll };
        // The idea parts are read off the open batch before any further command runs on this connection.
        if (idea) view = await Ideas.IdeaTopicParts.ReadAsync(results, view);
        var ev = header.SpaceKind == nameof(SpaceKind.Events) ? await EventQueries.ForTopicAsync(connection, id, viewer) : null;
        return ev is null ? view : view with { Event = ev };
    }

    /// <summary>The topic with its space, author and community, and the viewer's relation to the community, in one row.</summary>
    internal static Task<TopicHeader?> HeaderAsync(DbConnection connection, long id, long? viewer, DbTransaction? tx = null) =>
        connection.QuerySingleOrDefaultAsync<TopicHeader>("""
            SELECT t.id, t.title, t.slug, t.pinned, t.locked, t.archived, t.reply_count, t.post_count, t.created_at, t.last_activity_at,
                   t.author_id, t.accepted_post_id, t.vote_count, t.idea_status,
                   s.id AS space_id, s.slug AS space_slug, s.name AS space_name, s.kind AS space_kind,
                   u.user_name AS author_user_name, u.display_name AS author_display_name,
                   c.id AS community_id, c.slug AS community_slug, c.name AS community_name, c.kind AS community_kind, c.domain,
                   c.visibility, c.join_policy, c.status, c.rules_version, c.member_count,
                   m.role AS viewer_role, m.state AS viewer_state,
                   s.allow_replies AS space_allow_replies, t.seen_count, t.author_id, EXISTS (SELECT 1 FROM topic_views v WHERE v.topic_id = t.id AND v.user_id = @Viewer) AS viewer_seen,
                   EXISTS (SELECT 1 FROM memberships am WHERE am.community_id = t.community_id AND am.user_id = t.author_id AND am.state = 'Active') AS author_is_member,
                   (SELECT tr.last_read_post_number FROM topic_reads tr WHERE tr.topic_id = t.id AND tr.user_id = @Viewer) AS viewer_last_read,
                   (SELECT sub.level FROM subscriptions sub WHERE sub.user_id = @Viewer AND sub.scope = 'topic' AND sub.target_id = t.id) AS viewer_follow_level
            FROM topics t
            JOIN spaces s ON s.id = t.space_id
            JOIN communities c ON c.id = t.community_id
            JOIN users u ON u.id = t.author_id
            LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = @Viewer
            WHERE t.id = @Id
            """, new { Id = id, Viewer = viewer ?? 0 }, tx);

    internal sealed record TopicHeader : ICommunityAccessRow
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Slug { get; init; } = "";
        public bool Pinned { get; init; }
        public bool Locked { get; init; }
        public bool Archived { get; init; }
        public int ReplyCount { get; init; }
        public int PostCount { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime LastActivityAt { get; init; }
        public long SpaceId { get; init; }
        public string SpaceSlug { get; init; } = "";
        public string SpaceName { get; init; } = "";
        public string SpaceKind { get; init; } = "";
        public string AuthorUserName { get; init; } = "";
        public string AuthorDisplayName { get; init; } = "";
        public long CommunityId { get; init; }
        public string CommunitySlug { get; init; } = "";
        public string CommunityName { get; init; } = "";
        public string CommunityKind { get; init; } = "";
        public string? Domain { get; init; }
        public string Visibility { get; init; } = "";
        public string JoinPolicy { get; init; } = "";
        public string Status { get; init; } = "";
        public int RulesVersion { get; init; }
        public int MemberCount { get; init; }
        public string? ViewerRole { get; init; }
        public string? ViewerState { get; init; }
        public bool SpaceAllowReplies { get; init; }
        public int SeenCount { get; init; }
        public long AuthorId { get; init; }
        public bool ViewerSeen { get; init; }
        public bool AuthorIsMember { get; init; }
        public string? ViewerFollowLevel { get; init; }
        public long? AcceptedPostId { get; init; }
        public int VoteCount { get; init; }
        public string IdeaStatus { get; init; } = "";
        public int? ViewerLastRead { get; init; }

        /// <summary>The same access row <see cref="CommunityAccessQuery"/> loads, read here in the topic's own query.</summary>
        public CommunityAccess Access => this.ToAccess();

        public TopicView View(IReadOnlyList<string> tags) => new()
        {
            Id = Id,
            Title = Title,
            Slug = Slug,
            Kind = SpaceKind,
            Space = new SpaceRef(SpaceSlug, SpaceName, SpaceKind),
            Community = new CommunityRef(CommunitySlug, CommunityName),
            Author = new AuthorView(AuthorUserName, AuthorDisplayName),
            CreatedAt = CreatedAt,
            LastActivityAt = LastActivityAt,
            ReplyCount = ReplyCount,
            Locked = Locked,
            Archived = Archived,
            Pinned = Pinned,
            Tags = tags,
            Access = Access,
            ViewerFollowLevel = ViewerFollowLevel,
            AllowReplies = SpaceAllowReplies,
            SeenCount = SpaceKind == nameof(Discussions.SpaceKind.Announcements) ? SeenCount : null,
            Audience = Math.Max(0, MemberCount - (AuthorIsMember ? 1 : 0)),
            ViewerSeen = ViewerSeen,
            AuthorId = AuthorId,
            AcceptedPostId = AcceptedPostId,
            Votes = SpaceKind == nameof(Discussions.SpaceKind.Ideas) ? VoteCount : null,
            Status = SpaceKind == nameof(Discussions.SpaceKind.Ideas) ? IdeaStatus : null,
            PostCount = PostCount,
        };
    }

    internal sealed record TopicRow
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Slug { get; init; } = "";
        public string SpaceSlug { get; init; } = "";
        public int ReplyCount { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime LastActivityAt { get; init; }
        public bool Pinned { get; init; }
        public bool Locked { get; init; }
        public string AuthorUserName { get; init; } = "";
        public string AuthorDisplayName { get; init; } = "";
        public string LastPosterUserName { get; init; } = "";
        public string SpaceKind { get; init; } = "";
        public long? AcceptedPostId { get; init; }
        public int VoteCount { get; init; }
        public string IdeaStatus { get; init; } = "";
        public int PostCount { get; init; }
        public int? LastReadPostNumber { get; init; }

        /// <summary>The list item; with <paramref name="signedIn"/>, the viewer's unread count and "new" marker too.</summary>
        public TopicSummary Summary(IEnumerable<string> tags, bool signedIn = false) => new()
        {
            Unread = signedIn ? Math.Max(0, PostCount - (LastReadPostNumber ?? 0)) : null,
            New = signedIn ? LastReadPostNumber is null : null,
            FirstUnreadPostNumber = signedIn && LastReadPostNumber is { } read && read < PostCount ? read + 1 : null,
            Id = Id,
            Title = Title,
            Slug = Slug,
            Space = SpaceSlug,
            Author = new AuthorView(AuthorUserName, AuthorDisplayName),
            ReplyCount = ReplyCount,
            CreatedAt = CreatedAt,
            LastActivityAt = LastActivityAt,
            Pinned = Pinned,
            Locked = Locked,
            Tags = [.. tags],
            LastPosterUserName = LastPosterUserName,
            Solved = AcceptedPostId is not null,
            Votes = SpaceKind == nameof(Discussions.SpaceKind.Ideas) ? VoteCount : null,
            Status = SpaceKind == nameof(Discussions.SpaceKind.Ideas) ? IdeaStatus : null,
        };
    }

    internal sealed record TagRow
    {
        public long TopicId { get; init; }
        public string Tag { get; init; } = "";
    }

    private sealed record PostRow
    {
        public long Id { get; init; }
        public int PostNumber { get; init; }
        public string BodyHtml { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public long? ReplyTo { get; init; }
        public int? ReplyToPostNumber { get; init; }
        public string AuthorUserName { get; init; } = "";
        public string AuthorDisplayName { get; init; } = "";
        public int Score { get; init; }
        public int MyVote { get; init; }
        public string State { get; init; } = "";
        public DateTime? EditedAt { get; init; }
        public long AuthorId { get; init; }
        public bool AuthorBlocked { get; init; }

        public PostView View => new()
        {
            AuthorBlocked = AuthorBlocked,
            State = State,
            EditedAt = EditedAt,
            AuthorId = AuthorId,
            Id = Id,
            PostNumber = PostNumber,
            Author = new AuthorView(AuthorUserName, AuthorDisplayName),
            BodyHtml = BodyHtml,
            CreatedAt = CreatedAt,
            ReplyTo = ReplyTo,
            ReplyToPostNumber = ReplyToPostNumber,
            Score = Score,
            MyVote = MyVote,
        };
    }
}
