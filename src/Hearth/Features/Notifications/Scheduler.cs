using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Email;
using Microsoft.Extensions.Options;

namespace Hearth.Features.Notifications;

public sealed class SchedulerOptions
{
    public bool Enabled { get; set; } = true;
    public double PollSeconds { get; set; } = 30;
}

/// <summary>
/// Runs scheduled work on every node, each piece exactly once: an event reminder is claimed, told and marked done in
/// one transaction (on PostgreSQL the row is locked <c>FOR UPDATE SKIP LOCKED</c>, so another node passes it by; on
/// SQLite the write lock serialises nodes), and a member's digest is claimed by moving their last_digest_at
/// conditionally, in the same transaction as the message it enqueues; proposals whose vote ended are closed by
/// <see cref="Governance.CloseProposals"/>, claimed the same way.
/// </summary>
public sealed class Scheduler(Db db, TimeProvider clock, IOptionsMonitor<SchedulerOptions> options, ILogger<Scheduler> logger,
    Governance.CloseProposals proposals) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (options.CurrentValue.Enabled) await RunOnceAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or JsonException)
            {
                logger.LogWarning(e, "Scheduler round failed");
            }
            try { await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.05, options.CurrentValue.PollSeconds)), clock, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task RunOnceAsync(CancellationToken ct = default)
    {
        while (await RemindOnceAsync(ct)) { }
        while (await DigestOnceAsync(ct)) { }
        await proposals.RunOnceAsync(ct);
    }

    /// <summary>Sends one due event reminder; false when none is due.</summary>
    private async Task<bool> RemindOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await db.OpenBackgroundAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var job = await connection.QuerySingleOrDefaultAsync<Job>($"""
            SELECT id, payload FROM scheduled_jobs
            WHERE kind = 'event_reminder' AND done_at IS NULL AND due_at <= @Now
            ORDER BY due_at, id
            LIMIT 1
            {(db.IsSqlite ? "" : "FOR UPDATE SKIP LOCKED")}
            """, new { Now = now }, tx);
        if (job is null) return false;
        var done = await connection.ExecuteAsync(
            "UPDATE scheduled_jobs SET done_at = @Now, claimed_at = @Now, attempts = attempts + 1 WHERE id = @Id AND done_at IS NULL", new { Now = now, job.Id }, tx);
        if (done == 1) await RemindAsync(connection, tx, job.Payload, now);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Going and maybe attendees who are still active members hear that the event is near (the event's own start time, not the job's, is told).</summary>
    private static async Task RemindAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, string payload, DateTime now)
    {
        using var json = JsonDocument.Parse(payload);
        var topicId = json.RootElement.GetProperty("topicId").GetInt64();
        var ev = await connection.QuerySingleOrDefaultAsync<EventRow>("""
            SELECT t.id, t.slug, t.title, t.community_id, e.starts_at FROM events e JOIN topics t ON t.id = e.topic_id WHERE e.topic_id = @TopicId
            """, new { TopicId = topicId }, tx);
        if (ev is null || ev.StartsAt <= now) return;
        var attendees = await connection.QueryAsync<long>("""
            SELECT r.user_id FROM event_rsvps r
            JOIN memberships m ON m.community_id = @CommunityId AND m.user_id = r.user_id AND m.state = 'Active'
            WHERE r.topic_id = @TopicId AND r.state IN ('Going', 'Maybe')
            """, new { TopicId = topicId, ev.CommunityId }, tx);
        var hours = Math.Max(1, (int)Math.Round((ev.StartsAt - now).TotalHours));
        var when = hours >= 20 ? "tomorrow" : hours == 1 ? "in an hour" : $"in {hours.ToString(CultureInfo.InvariantCulture)} hours";
        await Notify.SendAsync(connection, tx, attendees.Select(userId => new NotificationDraft(userId, "event_reminder",
            $"“{ev.Title}” starts {when} ({ev.StartsAt:d MMM yyyy HH:mm} UTC).", Topics.Url(ev.Id, ev.Slug), ev.CommunityId, ev.Id)), now);
    }

    /// <summary>Produces one member's due digest; false when nobody's is due.</summary>
    private async Task<bool> DigestOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var day = now.AddDays(-1);
        var week = now.AddDays(-7);
        await using var connection = await db.OpenBackgroundAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var member = await connection.QuerySingleOrDefaultAsync<DigestMember>($"""
            SELECT id, email, digest, last_digest_at FROM users
            WHERE (digest = 'daily' AND (last_digest_at IS NULL OR last_digest_at <= @Day))
               OR (digest = 'weekly' AND (last_digest_at IS NULL OR last_digest_at <= @Week))
            ORDER BY id
            LIMIT 1
            {(db.IsSqlite ? "" : "FOR UPDATE SKIP LOCKED")}
            """, new { Day = day, Week = week }, tx);
        if (member is null) return false;
        var since = member.Digest == "weekly" ? week : day;
        if (member.LastDigestAt is { } last && last > since) since = last;
        var claimed = await connection.ExecuteAsync("""
            UPDATE users SET last_digest_at = @Now
            WHERE id = @Id AND (last_digest_at IS NULL OR last_digest_at = @Last)
            """, new { Now = now, member.Id, Last = member.LastDigestAt }, tx);
        if (claimed == 1)
        {
            // Only communities the member belongs to now, and only visible posts: nothing they may not see.
            var popular = (await connection.QueryAsync<PopularTopic>("""
                SELECT t.id, t.slug, t.title, c.name AS community_name, COUNT(p.id) AS posts
                FROM memberships m
                JOIN topics t ON t.community_id = m.community_id
                JOIN communities c ON c.id = t.community_id
                JOIN posts p ON p.topic_id = t.id AND p.state = 'Visible' AND p.created_at >= @Since
                WHERE m.user_id = @UserId AND m.state = 'Active'
                GROUP BY t.id, t.slug, t.title, c.name
                ORDER BY COUNT(p.id) DESC, t.id DESC
                LIMIT 10
                """, new { UserId = member.Id, Since = since }, tx)).ToList();
            if (popular.Count > 0)
            {
                var body = new StringBuilder($"What was popular in your communities {(member.Digest == "weekly" ? "this week" : "today")}:\n\n");
                foreach (var t in popular)
                    body.Append(CultureInfo.InvariantCulture, $"- {t.Title} ({t.CommunityName}, {t.Posts} new posts): {{base}}{Topics.Url(t.Id, t.Slug)}\n");
                await Outbox.EnqueueAsync(connection, tx, new OutgoingMail("digest", member.Id, member.Email,
                    member.Digest == "weekly" ? "Your weekly Hearth digest" : "Your daily Hearth digest", body.ToString(), "", "digest"), now);
            }
        }
        await tx.CommitAsync(ct);
        return true;
    }

    private sealed record Job
    {
        public long Id { get; init; }
        public string Payload { get; init; } = "";
    }

    private sealed record EventRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public long CommunityId { get; init; }
        public DateTime StartsAt { get; init; }
    }

    private sealed record DigestMember
    {
        public long Id { get; init; }
        public string Email { get; init; } = "";
        public string Digest { get; init; } = "";
        public DateTime? LastDigestAt { get; init; }
    }

    private sealed record PopularTopic
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string CommunityName { get; init; } = "";
        public long Posts { get; init; }
    }
}
