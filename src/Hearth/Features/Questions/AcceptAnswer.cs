using System.Text.Json.Serialization;
using Dapper;
using Hearth.Features.Discussions;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Questions;

/// <summary>
/// <c>{postId}</c> accepts that answer; <c>{postId: null}</c> takes the acceptance back (as does
/// <c>DELETE /api/v1/topics/{id}/accept</c>). A body without postId at all is refused, so that an empty or mistyped
/// request never un-accepts by accident.
/// </summary>
public sealed class AcceptRequest
{
    private readonly long? _postId;

    public long? PostId
    {
        get => _postId;
        init { _postId = value; HasPostId = true; }
    }

    /// <summary>Whether the body named postId (possibly as null); System.Text.Json only calls the setter when it does.</summary>
    [JsonIgnore] public bool HasPostId { get; private init; }

    public static AcceptRequest Accept(long postId) => new() { PostId = postId };

    public static AcceptRequest Unaccept() => new() { PostId = null };
}

public sealed record AcceptedView
{
    public long TopicId { get; init; }
    public bool Solved => AcceptedPostId is not null;
    public long? AcceptedPostId { get; init; }
    /// <summary>When the question was solved; replacing the accepted answer keeps the first time.</summary>
    public DateTime? AcceptedAt { get; init; }
    [JsonIgnore] public string Url { get; init; } = "";
}

/// <summary>
/// The asker, or a moderator or steward, accepts one answer of a question: the question is then solved and the
/// answer is shown first. Accepting another replaces it; accepting nothing takes it back. The answer's author is told.
/// </summary>
public sealed class AcceptAnswer(Db db, TimeProvider clock)
{
    public async Task<Result<AcceptedView>> HandleAsync(long topicId, AcceptRequest request, long actorId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var topic = await TopicQueries.HeaderAsync(connection, topicId, actorId, tx);
        if (TopicPermissions.RefuseWrite(topic?.Access, "No such topic.") is { } refused) return refused;
        if (!QuestionPermissions.IsQuestion(topic!.SpaceKind)) return Problem.Conflict("Only questions have an accepted answer; this topic is not a question.");
        if (!QuestionPermissions.MayAccept(topic.Access, topic.AuthorId == actorId))
            return Problem.Forbidden("Only the asker or a moderator accepts an answer.");
        if (!request.HasPostId) return Problem.Field("postId", "Name the answer to accept (postId), or null to take the acceptance back.");

        var url = Topics.Url(topic.Id, topic.Slug);
        var current = await connection.QuerySingleAsync<AcceptedRow>(
            "SELECT accepted_post_id, accepted_at FROM topics WHERE id = @Id", new { Id = topicId }, tx);
        var now = clock.GetUtcNow().UtcDateTime;
        if (request.PostId is not { } postId)
        {
            if (current.AcceptedPostId is not null)
            {
                await connection.ExecuteAsync("UPDATE topics SET accepted_post_id = NULL, accepted_at = NULL WHERE id = @Id", new { Id = topicId }, tx);
                await tx.CommitAsync(ct);
            }
            return new AcceptedView { TopicId = topicId, Url = url };
        }

        var answer = await connection.QuerySingleOrDefaultAsync<AnswerRow>("""
            SELECT p.id, p.post_number, p.author_id, m.state AS author_state
            FROM posts p
            LEFT JOIN memberships m ON m.community_id = @CommunityId AND m.user_id = p.author_id
            WHERE p.id = @PostId AND p.topic_id = @TopicId AND p.post_number > 1 AND p.state = 'Visible'
            """, new { PostId = postId, TopicId = topicId, topic.CommunityId }, tx);
        if (answer is null) return Problem.Field("postId", "Accept one of this question's answers (not the question itself).");
        if (current.AcceptedPostId == postId)
            return new AcceptedView { TopicId = topicId, AcceptedPostId = postId, AcceptedAt = current.AcceptedAt, Url = $"{url}#post-{answer.PostNumber}" };

        // PostgreSQL keeps microseconds: answer with the instant as it is stored, so every later read agrees with this one.
        var acceptedAt = current.AcceptedAt ?? new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
        await connection.ExecuteAsync("""
            UPDATE topics SET accepted_post_id = @PostId, accepted_at = @AcceptedAt WHERE id = @TopicId;
            INSERT INTO activity_events (community_id, user_id, kind, topic_id, post_id, created_at) VALUES (@CommunityId, @Actor, 'accepted', @TopicId, @PostId, @Now);
            """, new { PostId = postId, AcceptedAt = acceptedAt, TopicId = topicId, topic.CommunityId, Actor = actorId, Now = now }, tx);
        // Only someone who can still see the question is told.
        if (answer.AuthorState == "Active")
        {
            await Notify.SendAsync(connection, tx,
                [new NotificationDraft(answer.AuthorId, "answer_accepted", $"Your answer to “{topic.Title}” was accepted.",
                    $"{url}#post-{answer.PostNumber}", topic.CommunityId, topicId, postId, actorId)], now);
        }
        await tx.CommitAsync(ct);
        return new AcceptedView { TopicId = topicId, AcceptedPostId = postId, AcceptedAt = acceptedAt, Url = $"{url}#post-{answer.PostNumber}" };
    }

    private sealed record AcceptedRow
    {
        public long? AcceptedPostId { get; init; }
        public DateTime? AcceptedAt { get; init; }
    }

    private sealed record AnswerRow
    {
        public long Id { get; init; }
        public int PostNumber { get; init; }
        public long AuthorId { get; init; }
        public string? AuthorState { get; init; }
    }
}
