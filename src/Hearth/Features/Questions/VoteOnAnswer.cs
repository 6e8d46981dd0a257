using System.Text.Json.Serialization;
using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Questions;

/// <param name="Value">1 up, -1 down, 0 takes the vote back.</param>
public sealed record AnswerVoteRequest(int? Value);

public sealed record AnswerVoteView
{
    public long PostId { get; init; }
    public long TopicId { get; init; }
    public int PostNumber { get; init; }
    public int Score { get; init; }
    /// <summary>The caller's vote now: 1, -1 or 0.</summary>
    public int MyVote { get; init; }
    /// <summary>Where the answer is shown, for the page's redirect.</summary>
    [JsonIgnore] public string Url { get; init; } = "";
}

/// <summary>
/// A member votes an answer up or down, or takes the vote back; one vote per member per answer, never on the
/// question itself or on one's own answer. The answer's score is kept on the post, changed by the difference.
/// </summary>
public sealed class VoteOnAnswer(Db db, TimeProvider clock)
{
    public async Task<Result<AnswerVoteView>> HandleAsync(long postId, AnswerVoteRequest request, long voterId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var post = await connection.QuerySingleOrDefaultAsync<PostRow>(
            "SELECT id, topic_id, post_number, author_id, state FROM posts WHERE id = @Id", new { Id = postId }, tx);
        var topic = post is null ? null : await TopicQueries.HeaderAsync(connection, post.TopicId, voterId, tx);
        // Access first: what the voter may not read stays unknown whatever else is wrong with the request.
        if (TopicPermissions.RefuseWrite(topic?.Access, "No such post.") is { } refused) return refused;
        if (post!.State != "Visible") return Problem.NotFound("No such post.");
        if (!QuestionPermissions.IsQuestion(topic!.SpaceKind)) return Problem.Conflict("Only answers to questions take votes; this topic is not a question.");
        if (post.PostNumber == 1) return Problem.Conflict("The question itself takes no votes; vote on its answers.");
        if (post.AuthorId == voterId) return Problem.Forbidden("You cannot vote on your own answer.");
        if (request.Value is not (1 or -1 or 0)) return Problem.Field("value", "Value must be 1 (up), -1 (down) or 0 (no vote).");
        var value = request.Value.Value;

        // Touching the post first takes its row lock (PostgreSQL; SQLite holds the write lock already), so the old vote
        // read next cannot change under us and two requests of the same member cannot both apply their difference.
        await connection.ExecuteAsync("UPDATE posts SET score = score WHERE id = @Id", new { Id = postId }, tx);
        var old = await connection.ExecuteScalarAsync<int?>(
            "SELECT value FROM post_votes WHERE post_id = @Id AND user_id = @Voter", new { Id = postId, Voter = voterId }, tx) ?? 0;
        var now = clock.GetUtcNow().UtcDateTime;
        if (value == 0)
        {
            await connection.ExecuteAsync("DELETE FROM post_votes WHERE post_id = @Id AND user_id = @Voter", new { Id = postId, Voter = voterId }, tx);
        }
        else if (value != old)
        {
            await connection.ExecuteAsync("""
                INSERT INTO post_votes (post_id, user_id, value, voted_at) VALUES (@Id, @Voter, @Value, @Now)
                ON CONFLICT (post_id, user_id) DO UPDATE SET value = excluded.value, voted_at = excluded.voted_at
                """, new { Id = postId, Voter = voterId, Value = value, Now = now }, tx);
            await connection.ExecuteAsync(
                "INSERT INTO activity_events (community_id, user_id, kind, topic_id, post_id, created_at) VALUES (@CommunityId, @Voter, 'voted', @TopicId, @Id, @Now)",
                new { topic.CommunityId, Voter = voterId, TopicId = topic.Id, Id = postId, Now = now }, tx);
        }
        var score = await connection.ExecuteScalarAsync<int>(
            "UPDATE posts SET score = score + @Delta WHERE id = @Id RETURNING score", new { Id = postId, Delta = value - old }, tx);
        await tx.CommitAsync(ct);
        return new AnswerVoteView
        {
            PostId = postId,
            TopicId = topic.Id,
            PostNumber = post.PostNumber,
            Score = score,
            MyVote = value,
            Url = $"{Topics.Url(topic.Id, topic.Slug)}#post-{post.PostNumber}",
        };
    }

    private sealed record PostRow
    {
        public long Id { get; init; }
        public long TopicId { get; init; }
        public int PostNumber { get; init; }
        public long AuthorId { get; init; }
        public string State { get; init; } = "";
    }
}
