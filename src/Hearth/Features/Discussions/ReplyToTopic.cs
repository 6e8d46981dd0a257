using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Discussions;

/// <param name="ReplyTo">The id of a post in the same topic that this reply answers.</param>
public sealed record ReplyRequest(string? Body, long? ReplyTo = null);

public sealed record ReplyView
{
    public long Id { get; init; }
    public int PostNumber { get; init; }
    public long TopicId { get; init; }
    public string Url { get; init; } = "";
    public AuthorView Author { get; init; } = new("", "");
    public string BodyHtml { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public long? ReplyTo { get; init; }
    /// <summary>Visible, or Pending when the reply waits for a moderator's approval.</summary>
    public string State { get; init; } = "Visible";
}

/// <summary>
/// A member replies to a topic. The topic row is updated first: that takes its row lock (PostgreSQL) or the write lock
/// (SQLite), so the next post number, read after it, can never be taken by a reply written at the same time.
/// </summary>
public sealed class ReplyToTopic(Db db, TimeProvider clock, Moderation.PostingGate gate, Platform.Live.LiveBus live)
{
    public const string ArchivedTopic = "This topic is archived; it takes no new replies.";

    public async Task<Result<ReplyView>> HandleAsync(long topicId, ReplyRequest request, long authorId, CancellationToken ct = default)
    {
        var validation = new Validation().Body(request.Body);
        await using var connection = await db.OpenAsync(ct);
        // Rendered before the write lock is taken: a long body should not hold up other writers.
        var rendered = validation.Problem is null ? await Conversation.PostBody.RenderAsync(connection, request.Body, topicId) : Conversation.RenderedBody.Empty;
        var bodyHtml = rendered.Html;
        await using var tx = await Db.BeginWriteAsync(connection);
        var topic = await TopicQueries.HeaderAsync(connection, topicId, authorId, tx);
        if (TopicPermissions.RefuseWrite(topic?.Access, "No such topic.") is { } refused) return refused;
        if (topic!.Archived) return Problem.Conflict(ArchivedTopic);
        if (topic.Locked) return Problem.Conflict("This topic is locked; it takes no new replies.");
        if (!topic.SpaceAllowReplies) return Problem.Conflict(Announcements.AnnouncementRules.NoReplies);
        if (request.ReplyTo is { } replyTo)
        {
            var sameTopic = await connection.ExecuteScalarAsync<long?>(
                "SELECT id FROM posts WHERE id = @ReplyTo AND topic_id = @TopicId AND state = 'Visible'", new { ReplyTo = replyTo, TopicId = topicId }, tx);
            if (sameTopic is null) validation.Add("replyTo", "Reply to a post of this topic.");
        }
        if (validation.Problem is { } invalid) return invalid;

        var now = clock.GetUtcNow().UtcDateTime;
        var verdict = await gate.CheckAsync(connection, tx, new Moderation.PostDraft(topic.CommunityId, authorId, topic.SpaceId, topicId, topic.Access.IsModerator, null, request.Body!, bodyHtml), now);
        if (!verdict.Ok) return verdict.As<ReplyView>();
        var (body, state) = (verdict.Value!.Body, verdict.Value.State);
        bodyHtml = verdict.Value.BodyHtml;
        // The locked condition is repeated here: a moderator may have locked the topic since it was read.
        var updated = await connection.ExecuteAsync("""
            UPDATE topics SET post_count = post_count + 1, reply_count = reply_count + 1, last_activity_at = @Now, last_post_user_id = @Author
            WHERE id = @TopicId AND locked = FALSE AND archived = FALSE
            """, new { TopicId = topicId, Author = authorId, Now = now }, tx);
        if (updated != 1) return Problem.Conflict("This topic is locked; it takes no new replies.");
        var post = await connection.QuerySingleAsync<NewPost>("""
            INSERT INTO posts (topic_id, post_number, author_id, body, body_html, reply_to_post_id, state, created_at)
            VALUES (@TopicId, (SELECT COALESCE(MAX(post_number), 0) + 1 FROM posts WHERE topic_id = @TopicId), @Author, @Body, @BodyHtml, @ReplyTo, @State, @Now)
            RETURNING id, post_number
            """, new { TopicId = topicId, Author = authorId, Body = body, BodyHtml = bodyHtml, request.ReplyTo, State = state, Now = now }, tx);
        await Attachments.AttachmentLinks.LinkAsync(connection, tx, topic.CommunityId, authorId, post.Id, body);
        await connection.ExecuteAsync($"""
            {Communities.CommunityActivity.TouchSql};
            INSERT INTO activity_events (community_id, user_id, kind, topic_id, post_id, created_at) VALUES (@CommunityId, @Author, 'replied', @TopicId, @PostId, @Now);
            """, new { topic.CommunityId, Author = authorId, TopicId = topicId, PostId = post.Id, Now = now, Stale = Communities.CommunityActivity.Stale(now) }, tx);
        var author = await connection.QuerySingleAsync<AuthorRow>(
            "SELECT user_name, display_name FROM users WHERE id = @Author", new { Author = authorId }, tx);
        var url = $"{Topics.Url(topicId, topic.Slug)}#post-{post.PostNumber}";
        // A reply held for approval tells nobody yet.
        if (state == "Visible")
        {
            var drafts = await Conversation.PostBody.DraftsAsync(connection, tx,
                new Conversation.PostContext(topic.CommunityId, topicId, topic.Title, post.Id, post.PostNumber, authorId, url), rendered);
            await NotifyAsync(connection, tx, topic, authorId, author.DisplayName, request.ReplyTo, post, url, drafts, now);
        }
        await tx.CommitAsync(ct);
        if (state == "Visible") await live.PublishAsync(Platform.Live.LiveEvent.Post(topic.CommunityId, topic.SpaceId, topicId, post.PostNumber, authorId), ct);
        return new ReplyView
        {
            Id = post.Id,
            PostNumber = post.PostNumber,
            TopicId = topicId,
            Url = url,
            Author = new AuthorView(author.UserName, author.DisplayName),
            BodyHtml = bodyHtml,
            CreatedAt = now,
            ReplyTo = request.ReplyTo,
            State = state,
        };
    }

    /// <summary>
    /// The replier now watches the topic (unless they chose otherwise). The author of the post replied to hears of it
    /// unless they muted the topic; the topic's followers hear of every reply (by e-mail only those who watch).
    /// Everyone hears once: the mention or quote in <paramref name="drafts"/> comes first and wins.
    /// </summary>
    private static async Task NotifyAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, TopicQueries.TopicHeader topic,
        long authorId, string authorName, long? replyTo, NewPost post, string url, List<Notifications.NotificationDraft> drafts, DateTime now)
    {
        await Notifications.Subscriptions.WatchByDefaultAsync(connection, tx, authorId, topic.Id, now);
        if (replyTo is { } parentId)
        {
            var parentAuthor = await connection.ExecuteScalarAsync<long>("SELECT author_id FROM posts WHERE id = @Id", new { Id = parentId }, tx);
            var level = await Notifications.Subscriptions.LevelAsync(connection, tx, parentAuthor, topic.Id);
            if (level is not null and not Notifications.SubscriptionLevel.Mute)
                drafts.Add(new(parentAuthor, "reply", $"{authorName} replied to your post in “{topic.Title}”.", url, topic.CommunityId, topic.Id, post.Id, authorId));
        }
        foreach (var (userId, level) in await Notifications.Subscriptions.FollowersAsync(connection, tx, topic.Id, newTopic: false))
            drafts.Add(new(userId, "post", $"{authorName} replied in “{topic.Title}”.", url, topic.CommunityId, topic.Id, post.Id, authorId,
                Email: level == Notifications.SubscriptionLevel.Watch));
        await Notifications.Notify.SendAsync(connection, tx, drafts, now);
    }

    private sealed record NewPost
    {
        public long Id { get; init; }
        public int PostNumber { get; init; }
    }

    private sealed record AuthorRow
    {
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
    }
}
