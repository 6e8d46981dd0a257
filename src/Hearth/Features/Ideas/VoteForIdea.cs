using System.Text.Json.Serialization;
using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Ideas;

/// <param name="Value">1 votes for the idea, 0 takes the vote back.</param>
public sealed record IdeaVoteRequest(int? Value);

public sealed record IdeaVoteView
{
    public long TopicId { get; init; }
    public int Votes { get; init; }
    /// <summary>The caller's vote now: 1 or 0.</summary>
    public int MyVote { get; init; }
    [JsonIgnore] public string Url { get; init; } = "";
}

/// <summary>
/// A member votes for an idea, once, or takes the vote back. The count on the topic changes only by the rows the
/// insert or delete really touched, so a repeated or racing vote can never count twice.
/// </summary>
public sealed class VoteForIdea(Db db, TimeProvider clock)
{
    public async Task<Result<IdeaVoteView>> HandleAsync(long topicId, IdeaVoteRequest request, long voterId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var topic = await TopicQueries.HeaderAsync(connection, topicId, voterId, tx);
        if (TopicPermissions.RefuseWrite(topic?.Access, "No such topic.") is { } refused) return refused;
        if (!IdeaPermissions.IsIdea(topic!.SpaceKind)) return Problem.Conflict("Only ideas take votes; this topic is not an idea.");
        if (request.Value is not (1 or 0)) return Problem.Field("value", "Value must be 1 (vote) or 0 (no vote).");

        var now = clock.GetUtcNow().UtcDateTime;
        var args = new { TopicId = topicId, Voter = voterId, Now = now, topic.CommunityId };
        var changed = request.Value == 1
            ? await connection.ExecuteAsync("""
                INSERT INTO idea_votes (topic_id, user_id, voted_at) VALUES (@TopicId, @Voter, @Now)
                ON CONFLICT (topic_id, user_id) DO NOTHING
                """, args, tx)
            : await connection.ExecuteAsync("DELETE FROM idea_votes WHERE topic_id = @TopicId AND user_id = @Voter", args, tx);
        var votes = changed == 0
            ? await connection.ExecuteScalarAsync<int>("SELECT vote_count FROM topics WHERE id = @TopicId", args, tx)
            : await connection.ExecuteScalarAsync<int>("UPDATE topics SET vote_count = vote_count + @Delta WHERE id = @TopicId RETURNING vote_count",
                new { TopicId = topicId, Delta = request.Value == 1 ? 1 : -1 }, tx);
        if (changed > 0 && request.Value == 1)
            await connection.ExecuteAsync(
                "INSERT INTO activity_events (community_id, user_id, kind, topic_id, created_at) VALUES (@CommunityId, @Voter, 'voted', @TopicId, @Now)", args, tx);
        await tx.CommitAsync(ct);
        return new IdeaVoteView { TopicId = topicId, Votes = votes, MyVote = request.Value.Value, Url = Topics.Url(topic.Id, topic.Slug) };
    }
}
