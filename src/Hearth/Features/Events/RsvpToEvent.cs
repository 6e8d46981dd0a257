using Dapper;
using Hearth.Features.Discussions;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Events;

/// <param name="Response">Going, Maybe or NotGoing.</param>
public sealed record RsvpRequest(string? Response);

/// <summary>Where the member stands after answering; <c>position</c> (from 1) only while waitlisted.</summary>
public sealed record RsvpResult
{
    public RsvpState State { get; init; }
    public int? Position { get; init; }
    public int GoingCount { get; init; }
    public int? Capacity { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public string TopicUrl { get; init; } = "";
}

/// <summary>
/// An active member answers an event. Going takes a free place or, when the event is full, a place at the end of the
/// waiting list; a member who gives up a place hands it to the first one waiting, who is told — all in one
/// transaction under the event's lock, so two answers at once can never take the same last place.
/// </summary>
public sealed class RsvpToEvent(Db db, TimeProvider clock)
{
    public async Task<Result<RsvpResult>> HandleAsync(long topicId, RsvpRequest request, long memberId, CancellationToken ct = default)
    {
        // Spelled out rather than Enum.TryParse, which would also take "1" or "Going,Maybe".
        RsvpResponse? response = request.Response switch
        {
            nameof(RsvpResponse.Going) => RsvpResponse.Going,
            nameof(RsvpResponse.Maybe) => RsvpResponse.Maybe,
            nameof(RsvpResponse.NotGoing) => RsvpResponse.NotGoing,
            _ => null,
        };

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var topic = await TopicQueries.HeaderAsync(connection, topicId, memberId, tx);
        // Outsiders of a Public community are told no (403); what they may not read stays unknown (404).
        if (TopicPermissions.RefuseWrite(topic?.Access, "No such topic.") is { } refused) return refused;
        if (await Attendance.LockAsync(connection, tx, topicId) is not { } e) return Problem.NotFound("This topic is not an event.");
        if (response is null) return Problem.Field("response", "Response must be Going, Maybe or NotGoing.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (now >= e.EndsAt) return Problem.Conflict("This event has ended; it takes no more RSVPs.");

        var url = Topics.Url(topicId, topic!.Slug);
        // Places freed since the last write (a member who left, a larger capacity) go to those waiting before anyone new.
        var drafts = await Attendance.FillAsync(connection, tx, e, topic.Title, url, memberId, now);
        var current = await connection.QuerySingleOrDefaultAsync<RsvpRow>(
            "SELECT state, sequence FROM event_rsvps WHERE topic_id = @TopicId AND user_id = @UserId", new { TopicId = topicId, UserId = memberId }, tx);
        var was = current is null ? (RsvpState?)null : Enum.Parse<RsvpState>(current.State);

        var state = response switch
        {
            RsvpResponse.Going when was is RsvpState.Going or RsvpState.Waitlisted => was.Value,
            RsvpResponse.Going => e.Capacity is { } capacity && await Attendance.GoingAsync(connection, tx, e) >= capacity ? RsvpState.Waitlisted : RsvpState.Going,
            RsvpResponse.Maybe => RsvpState.Maybe,
            _ => RsvpState.NotGoing,
        };
        var sequence = current?.Sequence ?? e.RsvpSequence;
        if (state != was)
        {
            // A new answer goes to the back of its list; repeating an answer keeps one's place.
            sequence = e.RsvpSequence;
            await connection.ExecuteAsync("""
                INSERT INTO event_rsvps (topic_id, user_id, state, sequence, responded_at) VALUES (@TopicId, @UserId, @State, @Sequence, @Now)
                ON CONFLICT (topic_id, user_id) DO UPDATE SET state = excluded.state, sequence = excluded.sequence, responded_at = excluded.responded_at
                """, new { TopicId = topicId, UserId = memberId, State = state.ToString(), Sequence = sequence, Now = now }, tx);
            await connection.ExecuteAsync(
                "INSERT INTO activity_events (community_id, user_id, kind, topic_id, created_at) VALUES (@CommunityId, @UserId, 'rsvped', @TopicId, @Now)",
                new { e.CommunityId, UserId = memberId, TopicId = topicId, Now = now }, tx);
            if (was == RsvpState.Going) drafts.AddRange(await Attendance.FillAsync(connection, tx, e, topic.Title, url, memberId, now));
        }
        await Notify.SendAsync(connection, tx, drafts, now);
        var result = new RsvpResult
        {
            State = state,
            Position = state == RsvpState.Waitlisted ? await Attendance.PositionAsync(connection, tx, e, sequence) : null,
            GoingCount = await Attendance.GoingAsync(connection, tx, e),
            Capacity = e.Capacity,
            TopicUrl = url,
        };
        await tx.CommitAsync(ct);
        return result;
    }

    private sealed record RsvpRow
    {
        public string State { get; init; } = "";
        public long Sequence { get; init; }
    }
}
