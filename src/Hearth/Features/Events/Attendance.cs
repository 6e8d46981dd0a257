using System.Data.Common;
using Dapper;
using Hearth.Features.Notifications;

namespace Hearth.Features.Events;

/// <summary>An event's row as the write side reads it, under its lock.</summary>
internal sealed record EventRow
{
    public long TopicId { get; init; }
    public long CommunityId { get; init; }
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    public string TimeZone { get; init; } = "";
    public string? Location { get; init; }
    public string? Url { get; init; }
    public int? Capacity { get; init; }
    public long RsvpSequence { get; init; }
    public int Revision { get; init; }
}

/// <summary>
/// The rules of places and the waiting list, shared by RSVPs and edits. Only active members hold a place: an RSVP of
/// someone who has left stays on record but counts for nothing, so their place goes to the waiting list at the next
/// write. Every write first takes the event's row lock (<see cref="LockAsync"/>), so places are counted and given out
/// by one writer at a time on both engines.
/// </summary>
internal static class Attendance
{
    private const string ActiveRsvps = """
        FROM event_rsvps r
        JOIN memberships m ON m.community_id = @CommunityId AND m.user_id = r.user_id AND m.state = 'Active'
        WHERE r.topic_id = @TopicId
        """;

    /// <summary>
    /// Locks the event for this transaction and hands out the next RSVP sequence number (the FIFO order of the waiting
    /// list). The UPDATE takes PostgreSQL's row lock; SQLite's write transaction (BEGIN IMMEDIATE) is already exclusive.
    /// </summary>
    public static Task<EventRow?> LockAsync(DbConnection connection, DbTransaction tx, long topicId) =>
        connection.QuerySingleOrDefaultAsync<EventRow>("""
            UPDATE events SET rsvp_sequence = rsvp_sequence + 1 WHERE topic_id = @TopicId
            RETURNING topic_id, community_id, starts_at, ends_at, time_zone, location, url, capacity, rsvp_sequence, revision
            """, new { TopicId = topicId }, tx);

    public static Task<int> GoingAsync(DbConnection connection, DbTransaction tx, EventRow e) =>
        connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) {ActiveRsvps} AND r.state = 'Going'", new { e.CommunityId, e.TopicId }, tx);

    /// <summary>A waiting member's place in the queue, counting from 1.</summary>
    public static Task<int> PositionAsync(DbConnection connection, DbTransaction tx, EventRow e, long sequence) =>
        connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) {ActiveRsvps} AND r.state = 'Waitlisted' AND r.sequence <= @Sequence",
            new { e.CommunityId, e.TopicId, Sequence = sequence }, tx);

    /// <summary>
    /// Gives free places to the waiting list, first come first served, and answers the notifications to send. Run under
    /// the lock after anything that can free a place (a cancellation, a larger capacity, a member who left).
    /// </summary>
    public static async Task<List<NotificationDraft>> FillAsync(DbConnection connection, DbTransaction tx, EventRow e, string title, string url, long actorId, DateTime now)
    {
        var room = e.Capacity is { } capacity ? capacity - await GoingAsync(connection, tx, e) : int.MaxValue;
        if (room <= 0) return [];
        var promoted = (await connection.QueryAsync<long>($"""
            SELECT r.user_id {ActiveRsvps} AND r.state = 'Waitlisted'
            ORDER BY r.sequence
            LIMIT @Room
            """, new { e.CommunityId, e.TopicId, Room = room }, tx)).ToList();
        if (promoted.Count == 0) return [];
        // The sequence is kept: the going list stays in the order people asked for a place.
        await connection.ExecuteAsync(
            "UPDATE event_rsvps SET state = 'Going', responded_at = @Now WHERE topic_id = @TopicId AND user_id = @UserId",
            promoted.Select(userId => new { e.TopicId, UserId = userId, Now = now }), tx);
        return [.. promoted.Select(userId => new NotificationDraft(userId, "event_promoted",
            $"A place opened up at “{title}”: you are now going.", url, e.CommunityId, e.TopicId, ActorId: actorId))];
    }
}
