using System.Globalization;
using Dapper;
using Hearth.Features.Discussions;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Events;

/// <summary>
/// The organiser (the topic's author) or a moderator changes an event. The block is replaced whole, with the rules of
/// creation. A new time reschedules the reminders; a larger capacity gives places to the waiting list; a change of
/// time or place is told to everyone who answered Going, Maybe or is waiting.
/// </summary>
public sealed class EditEvent(Db db, TimeProvider clock)
{
    public async Task<Result<string>> HandleAsync(long topicId, EventRequest? request, long editorId, CancellationToken ct = default)
    {
        var validation = new Validation();
        var schedule = EventSchedule.Parse(request, validation);
        if (request is null) validation.Add("event", "Send the event block: startsAt, endsAt, timeZone, location and/or url, capacity.");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var topic = await TopicQueries.HeaderAsync(connection, topicId, editorId, tx);
        if (TopicPermissions.RefuseWrite(topic?.Access, "No such topic.") is { } refused) return refused;
        if (await Attendance.LockAsync(connection, tx, topicId) is not { } e) return Problem.NotFound("This topic is not an event.");
        var authorId = await connection.ExecuteScalarAsync<long>("SELECT author_id FROM topics WHERE id = @TopicId", new { TopicId = topicId }, tx);
        if (authorId != editorId && !topic!.Access.IsModerator) return Problem.Forbidden("Only the organiser or a moderator changes this event.");
        if (validation.Problem is { } invalid) return invalid;

        var s = schedule!;
        var now = clock.GetUtcNow().UtcDateTime;
        var newTime = s.StartsAt != e.StartsAt || s.EndsAt != e.EndsAt;
        var newPlace = s.Location != e.Location || s.Url != e.Url;
        var changed = newTime || newPlace || s.TimeZone != e.TimeZone || s.Capacity != e.Capacity;
        var url = Topics.Url(topicId, topic!.Slug);
        if (!changed) return url;

        await connection.ExecuteAsync("""
            UPDATE events SET starts_at = @StartsAt, ends_at = @EndsAt, time_zone = @TimeZone, location = @Location, url = @Url,
                capacity = @Capacity, revision = revision + 1, updated_at = @Now
            WHERE topic_id = @TopicId
            """, new { TopicId = topicId, s.StartsAt, s.EndsAt, s.TimeZone, s.Location, s.Url, s.Capacity, Now = now }, tx);
        if (newTime) await EventReminders.ScheduleAsync(connection, tx, topicId, s.StartsAt, now);

        // Places only open up before the end; a smaller capacity keeps those already going, and the next ones wait.
        var drafts = now < s.EndsAt ? await Attendance.FillAsync(connection, tx, e with { Capacity = s.Capacity }, topic.Title, url, editorId, now) : [];
        if (newTime || newPlace)
        {
            var told = await connection.QueryAsync<long>("""
                SELECT r.user_id FROM event_rsvps r
                JOIN memberships m ON m.community_id = @CommunityId AND m.user_id = r.user_id AND m.state = 'Active'
                WHERE r.topic_id = @TopicId AND r.state IN ('Going', 'Maybe', 'Waitlisted')
                ORDER BY r.sequence
                """, new { e.CommunityId, TopicId = topicId }, tx);
            var text = $"“{topic.Title}” has changed: {Summary(s)}.";
            // Those just given a place hear that first; Notify keeps one notification per person.
            drafts.AddRange(told.Select(userId => new NotificationDraft(userId, "event_changed", text, url, e.CommunityId, topicId, ActorId: editorId)));
        }
        await Notify.SendAsync(connection, tx, drafts, now);
        await tx.CommitAsync(ct);
        return url;
    }

    /// <summary>"Sat 14 Jun 2025 18:00 (Europe/Berlin) at The old bridge".</summary>
    private static string Summary(EventSchedule s)
    {
        var zone = TimeZones.Find(s.TimeZone)!;
        var when = TimeZones.ToLocal(s.StartsAt, zone).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + $" ({s.TimeZone})";
        var where = s.Location ?? "online";
        return $"now {when}, {where}";
    }
}
