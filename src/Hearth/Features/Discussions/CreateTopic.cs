using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Events;
using Hearth.Platform.Data;
using Hearth.Platform.Markdown;
using Hearth.Platform.Results;
using Hearth.Platform.Security;

namespace Hearth.Features.Discussions;

/// <param name="Space">The space's slug; by default the community's Discussion space ('general', else the first).</param>
public sealed record CreateTopicRequest(string? Space, string? Title, string? Body, IReadOnlyList<string?>? Tags = null, EventRequest? Event = null);

public sealed record CreatedTopic(long Id, string Slug, long PostId);

/// <summary>
/// A member opens a topic: the topic, its first post (Markdown rendered once, here), its tags, the counters of the
/// space and the community, and the activity record — all in one transaction.
/// </summary>
public sealed class CreateTopic(Db db, TimeProvider clock, Platform.Live.LiveBus live)
{
    public async Task<Result<CreatedTopic>> HandleAsync(string communitySlug, CreateTopicRequest request, long authorId, CancellationToken ct = default)
    {
        var validation = new Validation().Title(request.Title).Body(request.Body);
        var tags = Tags.Normalise(request.Tags, validation);
        var schedule = EventSchedule.Parse(request.Event, validation);
        var title = request.Title?.Trim() ?? "";
        // Rendered before the write lock is taken: a long body should not hold up other writers.
        var bodyHtml = validation.Problem is null ? MarkdownRenderer.ToHtml(request.Body) : "";

        await using var connection = await db.OpenAsync(ct);
        await using var tx = Db.BeginWrite(connection);
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
        var slug = Slugs.FromTitle(title);
        var topicId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO topics (community_id, space_id, author_id, title, slug, post_count, reply_count, last_post_user_id, created_at, last_activity_at)
            VALUES (@CommunityId, @SpaceId, @Author, @Title, @Slug, 1, 0, @Author, @Now, @Now)
            RETURNING id
            """, new { CommunityId = c.Id, SpaceId = space.Id, Author = authorId, Title = title, Slug = slug, Now = now }, tx);
        var postId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO posts (topic_id, post_number, author_id, body, body_html, state, created_at)
            VALUES (@TopicId, 1, @Author, @Body, @BodyHtml, 'Visible', @Now)
            RETURNING id
            """, new { TopicId = topicId, Author = authorId, request.Body, BodyHtml = bodyHtml, Now = now }, tx);
        await Attachments.AttachmentLinks.LinkAsync(connection, tx, c.Id, authorId, postId, request.Body);
        if (tags.Count > 0)
            await connection.ExecuteAsync("INSERT INTO topic_tags (topic_id, community_id, tag) VALUES (@TopicId, @CommunityId, @Tag)",
                tags.Select(tag => new { TopicId = topicId, CommunityId = c.Id, Tag = tag }), tx);
        if (schedule is not null) await EventTopics.AddAsync(connection, tx, schedule, c.Id, topicId, now);
        if (space.Kind == nameof(SpaceKind.Articles)) await Articles.ArticleRecords.StartAsync(connection, tx, topicId, c.Id, authorId, title, request.Body!, bodyHtml, now);
        await connection.ExecuteAsync("""
            UPDATE spaces SET topic_count = topic_count + 1 WHERE id = @SpaceId;
            UPDATE communities SET topic_count = topic_count + 1, last_activity_at = @Now WHERE id = @CommunityId;
            INSERT INTO activity_events (community_id, user_id, kind, topic_id, post_id, created_at) VALUES (@CommunityId, @Author, 'posted', @TopicId, @PostId, @Now);
            """, new { SpaceId = space.Id, CommunityId = c.Id, Author = authorId, TopicId = topicId, PostId = postId, Now = now }, tx);
        await NotifyAsync(connection, tx, c, topicId, title, slug, postId, authorId, now);
        await tx.CommitAsync(ct);
        await live.PublishAsync(Platform.Live.LiveEvent.Topic(c.Id, space.Id, topicId, authorId), ct);
        return new CreatedTopic(topicId, slug, postId);
    }

    /// <summary>The author watches their own topic; followers of the space or community (and announcement readers) hear of it.</summary>
    private static async Task NotifyAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, Communities.CommunityAccess c,
        long topicId, string title, string slug, long postId, long authorId, DateTime now)
    {
        await Notifications.Subscriptions.WatchByDefaultAsync(connection, tx, authorId, topicId, now);
        var followers = await Notifications.Subscriptions.FollowersAsync(connection, tx, topicId, newTopic: true);
        if (followers.Count == 0) return;
        var author = await connection.ExecuteScalarAsync<string>("SELECT display_name FROM users WHERE id = @Id", new { Id = authorId }, tx);
        var url = Topics.Url(topicId, slug);
        await Notifications.Notify.SendAsync(connection, tx, followers.Select(f => new Notifications.NotificationDraft(f.UserId, "topic",
            $"{author} started “{title}” in {c.Name}.", url, c.Id, topicId, postId, authorId, Email: f.Level == Notifications.SubscriptionLevel.Watch)), now);
    }

    private sealed record SpaceRow
    {
        public long Id { get; init; }
        public string WhoCanStart { get; init; } = "";
        public string Kind { get; init; } = "";
    }
}
