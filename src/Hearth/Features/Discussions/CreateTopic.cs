using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Events;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Security;

namespace Hearth.Features.Discussions;

/// <param name="Space">The space's slug; by default the community's Discussion space ('general', else the first).</param>
/// <param name="Poll">An optional poll carried by the topic.</param>
public sealed record CreateTopicRequest(string? Space, string? Title, string? Body, IReadOnlyList<string?>? Tags = null, EventRequest? Event = null,
    Conversation.PollRequest? Poll = null);

/// <param name="State">The first post's state: Visible, or Pending when it waits for a moderator.</param>
public sealed record CreatedTopic(long Id, string Slug, long PostId, string State = "Visible");

/// <summary>
/// A member opens a topic: the topic, its first post (Markdown rendered once, here), its tags, the counters of the
/// space and the community, and the activity record — all in one transaction.
/// </summary>
public sealed class CreateTopic(Db db, TimeProvider clock, Moderation.PostingGate gate, Platform.Live.LiveBus live)
{
    public async Task<Result<CreatedTopic>> HandleAsync(string communitySlug, CreateTopicRequest request, long authorId, CancellationToken ct = default)
    {
        var validation = new Validation().Title(request.Title).Body(request.Body);
        var tags = Tags.Normalise(request.Tags, validation);
        var schedule = EventSchedule.Parse(request.Event, validation);
        var poll = Conversation.Polls.Parse(request.Poll, validation, clock.GetUtcNow().UtcDateTime);
        var title = request.Title?.Trim() ?? "";
        await using var connection = await db.OpenAsync(ct);
        // Rendered before the write lock is taken: a long body should not hold up other writers.
        var rendered = validation.Problem is null ? await Conversation.PostBody.RenderAsync(connection, request.Body) : Conversation.RenderedBody.Empty;
        var bodyHtml = rendered.Html;
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, communitySlug, authorId, tx);
        // Access is decided before validation is reported, so a hidden community stays hidden whatever is sent.
        if (TopicPermissions.RefuseWrite(c) is { } refused) return refused;
        if (validation.Problem is { } invalid) return invalid;

        var space = await connection.QuerySingleOrDefaultAsync<SpaceRow>(
            string.IsNullOrWhiteSpace(request.Space)
                ? "SELECT id, who_can_start, kind FROM spaces WHERE community_id = @CommunityId AND kind = 'Discussion' ORDER BY CASE WHEN slug = 'general' THEN 0 ELSE 1 END, position, id LIMIT 1"
                : "SELECT id, who_can_start, kind FROM spaces WHERE community_id = @CommunityId AND slug = @Slug",
            new { CommunityId = c!.Id, Slug = request.Space?.Trim().ToLowerInvariant() }, tx);
        if (space is null)
            return string.IsNullOrWhiteSpace(request.Space)
                ? Problem.Field("space", "This community has no Discussion space; name a space.")
                : Problem.Field("space", $"This community has no space '{request.Space}'.");
        if (!TopicPermissions.MayStartTopic(c, space.WhoCanStart)) return Problem.Forbidden("Only moderators start topics in this space.");
        if (EventTopics.RefuseKind(space.Kind, schedule) is { } wrongKind) return wrongKind;

        var now = clock.GetUtcNow().UtcDateTime;
        var verdict = await gate.CheckAsync(connection, tx, new Moderation.PostDraft(c.Id, authorId, space.Id, null, c.IsModerator, title, request.Body!, bodyHtml), now);
        if (!verdict.Ok) return verdict.As<CreatedTopic>();
        (title, bodyHtml) = (verdict.Value!.Title ?? title, verdict.Value.BodyHtml);
        var body = verdict.Value.Body;
        var slug = Slugs.FromTitle(title);
        var topicId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO topics (community_id, space_id, author_id, title, slug, post_count, reply_count, last_post_user_id, created_at, last_activity_at)
            VALUES (@CommunityId, @SpaceId, @Author, @Title, @Slug, 1, 0, @Author, @Now, @Now)
            RETURNING id
            """, new { CommunityId = c.Id, SpaceId = space.Id, Author = authorId, Title = title, Slug = slug, Now = now }, tx);
        var postId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO posts (topic_id, post_number, author_id, body, body_html, state, created_at)
            VALUES (@TopicId, 1, @Author, @Body, @BodyHtml, @State, @Now)
            RETURNING id
            """, new { TopicId = topicId, Author = authorId, Body = body, BodyHtml = bodyHtml, verdict.Value.State, Now = now }, tx);
        await Attachments.AttachmentLinks.LinkAsync(connection, tx, c.Id, authorId, postId, body);
        if (tags.Count > 0)
            await connection.ExecuteAsync("INSERT INTO topic_tags (topic_id, community_id, tag) VALUES (@TopicId, @CommunityId, @Tag)",
                tags.Select(tag => new { TopicId = topicId, CommunityId = c.Id, Tag = tag }), tx);
        if (schedule is not null) await EventTopics.AddAsync(connection, tx, schedule, c.Id, topicId, now);
        if (poll is not null) await Conversation.Polls.AddAsync(connection, tx, topicId, poll, now);
        if (space.Kind == nameof(SpaceKind.Articles)) await Articles.ArticleRecords.StartAsync(connection, tx, topicId, c.Id, authorId, title, body, bodyHtml, now);
        await connection.ExecuteAsync("""
            UPDATE spaces SET topic_count = topic_count + 1 WHERE id = @SpaceId;
            UPDATE communities SET topic_count = topic_count + 1, last_activity_at = @Now WHERE id = @CommunityId;
            INSERT INTO activity_events (community_id, user_id, kind, topic_id, post_id, created_at) VALUES (@CommunityId, @Author, 'posted', @TopicId, @PostId, @Now);
            """, new { SpaceId = space.Id, CommunityId = c.Id, Author = authorId, TopicId = topicId, PostId = postId, Now = now }, tx);
        // A topic held for approval tells nobody yet, and appears live to nobody.
        var visible = verdict.Value.State == "Visible";
        if (visible)
        {
            var drafts = await Conversation.PostBody.DraftsAsync(connection, tx,
                new Conversation.PostContext(c.Id, topicId, title, postId, 1, authorId, $"{Topics.Url(topicId, slug)}#post-1"), rendered);
            await NotifyAsync(connection, tx, c, topicId, title, slug, postId, authorId, drafts, now);
        }
        await tx.CommitAsync(ct);
        if (visible) await live.PublishAsync(Platform.Live.LiveEvent.Topic(c.Id, space.Id, topicId, authorId), ct);
        return new CreatedTopic(topicId, slug, postId, verdict.Value.State);
    }

    /// <summary>
    /// The author watches their own topic; followers of the space or community (and announcement readers) hear of it,
    /// once each: a mention or quote in <paramref name="drafts"/> comes first and wins.
    /// </summary>
    private static async Task NotifyAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, Communities.CommunityAccess c,
        long topicId, string title, string slug, long postId, long authorId, List<Notifications.NotificationDraft> drafts, DateTime now)
    {
        await Notifications.Subscriptions.WatchByDefaultAsync(connection, tx, authorId, topicId, now);
        var followers = await Notifications.Subscriptions.FollowersAsync(connection, tx, topicId, newTopic: true);
        if (followers.Count > 0)
        {
            var author = await connection.ExecuteScalarAsync<string>("SELECT display_name FROM users WHERE id = @Id", new { Id = authorId }, tx);
            var url = Topics.Url(topicId, slug);
            drafts.AddRange(followers.Select(f => new Notifications.NotificationDraft(f.UserId, "topic",
                $"{author} started “{title}” in {c.Name}.", url, c.Id, topicId, postId, authorId, Email: f.Level == Notifications.SubscriptionLevel.Watch)));
        }
        await Notifications.Notify.SendAsync(connection, tx, drafts, now);
    }

    private sealed record SpaceRow
    {
        public long Id { get; init; }
        public string WhoCanStart { get; init; } = "";
        public string Kind { get; init; } = "";
    }
}
