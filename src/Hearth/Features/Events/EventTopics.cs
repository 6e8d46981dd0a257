using System.Data.Common;
using Dapper;
using Hearth.Platform.Results;

namespace Hearth.Features.Events;

/// <summary>What starting a topic needs from Events: the event block's rules and the rows it writes, in the topic's transaction.</summary>
public static class EventTopics
{
    public const string EventsKind = nameof(Discussions.SpaceKind.Events);

    /// <summary>An Events space takes only events, and an event only goes in an Events space.</summary>
    public static Problem? RefuseKind(string spaceKind, EventSchedule? schedule) =>
        spaceKind == EventsKind
            ? schedule is null ? Problem.Field("event", "A topic in an Events space is an event: give its start, end, time zone and a place or link.") : null
            : schedule is not null ? Problem.Field("event", $"Only topics in an Events space are events; this is a {spaceKind} space.") : null;

    /// <summary>Writes the event of a new topic and schedules its reminders.</summary>
    public static async Task AddAsync(DbConnection connection, DbTransaction tx, EventSchedule schedule, long communityId, long topicId, DateTime now)
    {
        await connection.ExecuteAsync("""
            INSERT INTO events (topic_id, community_id, starts_at, ends_at, time_zone, location, url, capacity, created_at, updated_at)
            VALUES (@TopicId, @CommunityId, @StartsAt, @EndsAt, @TimeZone, @Location, @Url, @Capacity, @Now, @Now)
            """, new { TopicId = topicId, CommunityId = communityId, schedule.StartsAt, schedule.EndsAt, schedule.TimeZone, schedule.Location, schedule.Url, schedule.Capacity, Now = now }, tx);
        await EventReminders.ScheduleAsync(connection, tx, topicId, schedule.StartsAt, now);
    }
}
