using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Conversation;

public sealed record BallotRequest(IReadOnlyList<long>? Options);

public sealed record BallotView(long TopicId, IReadOnlyList<long> Options, string Url);

/// <summary>
/// A member casts their ballot in a topic's poll: one option, or several in a multiple-choice poll. A second ballot
/// replaces the first (still one per member) until the poll closes; the counts move in the same transaction.
/// </summary>
public sealed class VoteInPoll(Db db, TimeProvider clock)
{
    public async Task<Result<BallotView>> HandleAsync(long topicId, BallotRequest request, long memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var topic = await TopicQueries.HeaderAsync(connection, topicId, memberId, tx);
        if (TopicPermissions.RefuseWrite(topic?.Access, "No such topic.") is { } refused) return refused;
        var poll = await connection.QuerySingleOrDefaultAsync<PollRow>(
            "SELECT id, multiple, closes_at FROM polls WHERE topic_id = @TopicId", new { TopicId = topicId }, tx);
        if (poll is null) return Problem.NotFound("This topic has no poll.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (poll.ClosesAt is { } closes && closes <= now) return Problem.Conflict("This poll is closed.");
        if (topic!.Archived) return Problem.Conflict("This topic is archived; its poll is closed.");
        var chosen = (request.Options ?? []).Distinct().ToList();
        if (chosen.Count == 0) return Problem.Field("options", "Choose an option.");
        if (!poll.Multiple && chosen.Count > 1) return Problem.Field("options", "This poll takes one option.");
        var known = (await connection.QueryAsync<long>("SELECT id FROM poll_options WHERE poll_id = @PollId", new { PollId = poll.Id }, tx)).ToHashSet();
        if (!chosen.All(known.Contains)) return Problem.Field("options", "Choose among this poll's options.");

        // The poll's row is locked first, so two ballots of one member at once cannot both count as a first.
        await connection.ExecuteAsync("UPDATE polls SET voter_count = voter_count WHERE id = @Id", new { poll.Id }, tx);
        var previous = (await connection.QueryAsync<long>("SELECT option_id FROM poll_votes WHERE poll_id = @PollId AND user_id = @User",
            new { PollId = poll.Id, User = memberId }, tx)).ToList();
        if (previous.Count > 0)
        {
            await connection.ExecuteAsync("UPDATE poll_options SET vote_count = vote_count - 1 WHERE id = @Id", previous.Select(id => new { Id = id }), tx);
            await connection.ExecuteAsync("DELETE FROM poll_votes WHERE poll_id = @PollId AND user_id = @User", new { PollId = poll.Id, User = memberId }, tx);
        }
        await connection.ExecuteAsync("INSERT INTO poll_votes (poll_id, user_id, option_id, created_at) VALUES (@PollId, @User, @Option, @Now)",
            chosen.Select(o => new { PollId = poll.Id, User = memberId, Option = o, Now = now }), tx);
        await connection.ExecuteAsync("UPDATE poll_options SET vote_count = vote_count + 1 WHERE id = @Id", chosen.Select(id => new { Id = id }), tx);
        if (previous.Count == 0) await connection.ExecuteAsync("UPDATE polls SET voter_count = voter_count + 1 WHERE id = @Id", new { poll.Id }, tx);
        await tx.CommitAsync(ct);
        return new BallotView(topicId, chosen, Topics.Url(topicId, topic.Slug) + "#poll");
    }

    private sealed record PollRow
    {
        public long Id { get; init; }
        public bool Multiple { get; init; }
        public DateTime? ClosesAt { get; init; }
    }
}
