using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Hearth.Features.Events;

/// <summary>
/// Reminders before an event starts, stored as scheduled work (kind 'event_reminder') for the notifications issue's
/// sender: one row per offset, keyed 'event_reminder:{topicId}:{offset}', so rescheduling moves the row instead of
/// adding one. A reminder whose time has already passed is not scheduled (a "starts in a day" note an hour before
/// would be wrong), and a pending one that a new start time has overtaken is withdrawn.
/// </summary>
public static class EventReminders
{
    public const string Kind = "event_reminder";

    /// <summary>How long before the start each reminder is due, with the name used in its key and payload.</summary>
    public static readonly IReadOnlyList<(string Name, TimeSpan Before)> Offsets = [("24h", TimeSpan.FromHours(24)), ("1h", TimeSpan.FromHours(1))];

    public static string DedupeKey(long topicId, string offset) => $"{Kind}:{topicId.ToString(CultureInfo.InvariantCulture)}:{offset}";

    public static async Task ScheduleAsync(DbConnection connection, DbTransaction tx, long topicId, DateTime startsAt, DateTime now)
    {
        foreach (var (name, before) in Offsets)
        {
            var due = startsAt - before;
            var key = DedupeKey(topicId, name);
            if (due <= now)
            {
                await connection.ExecuteAsync("DELETE FROM scheduled_jobs WHERE dedupe_key = @Key AND done_at IS NULL", new { Key = key }, tx);
                continue;
            }
            // A reminder already sent for the old time is due again for the new one, so the row is reset, not kept done.
            await connection.ExecuteAsync("""
                INSERT INTO scheduled_jobs (kind, due_at, payload, dedupe_key, attempts, created_at)
                VALUES (@Kind, @Due, @Payload, @Key, 0, @Now)
                ON CONFLICT (dedupe_key) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload,
                    attempts = 0, claimed_at = NULL, done_at = NULL
                """, new
            {
                Kind,
                Due = due,
                Payload = $$"""{"topicId":{{topicId.ToString(CultureInfo.InvariantCulture)}},"offset":"{{name}}"}""",
                Key = key,
                Now = now,
            }, tx);
        }
    }
}
