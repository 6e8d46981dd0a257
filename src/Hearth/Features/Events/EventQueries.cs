using System.Data.Common;
using System.Globalization;
using System.Text.Json.Serialization;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Web;

namespace Hearth.Features.Events;

/// <summary>The viewer's own answer; <c>position</c> (from 1) only while waitlisted.</summary>
public sealed record ViewerRsvp(RsvpState State, int? Position);

public sealed record AttendeeView
{
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public DateTime RespondedAt { get; init; }
    /// <summary>Place in the waiting list, from 1; null on the other lists.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Position { get; init; }
}

/// <summary>Who is coming: each list in the order people answered (the waiting list is first come, first served).</summary>
public sealed record AttendeesView
{
    public IReadOnlyList<AttendeeView> Going { get; init; } = [];
    public IReadOnlyList<AttendeeView> Maybe { get; init; } = [];
    public IReadOnlyList<AttendeeView> Waitlist { get; init; } = [];
    public int GoingCount { get; init; }
    public int MaybeCount { get; init; }
    public int WaitlistCount { get; init; }
    public int? Capacity { get; init; }
}

/// <summary>An event as topics and lists show it: instants in UTC, the same instants on the event's wall clock, and counts.</summary>
public sealed record EventView
{
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    /// <summary>The IANA zone the event is held in.</summary>
    public string TimeZone { get; init; } = "";
    public string? Location { get; init; }
    /// <summary>The online link, when there is one.</summary>
    public string? Url { get; init; }
    public int? Capacity { get; init; }
    public int GoingCount { get; init; }
    public int MaybeCount { get; init; }
    public int WaitlistCount { get; init; }
    public int? PlacesLeft => Capacity is { } c ? Math.Max(0, c - GoingCount) : null;
    /// <summary>The start on the event's wall clock, ISO 8601 with its offset.</summary>
    public string StartsAtLocal => Local(StartsAt).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    public string EndsAtLocal => Local(EndsAt).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    /// <summary>The viewer's answer (topic only; null for anonymous viewers and those who have not answered).</summary>
    public ViewerRsvp? ViewerRsvp { get; init; }
    public string IcsUrl => $"/api/v1/topics/{TopicId.ToString(CultureInfo.InvariantCulture)}/event.ics";
    [JsonIgnore] public long TopicId { get; init; }
    /// <summary>The first names of each list, for the topic page; the API serves them at /attendees.</summary>
    [JsonIgnore] public AttendeesView Attendees { get; init; } = new();

    public DateTimeOffset Local(DateTime utc) =>
        TimeZones.Find(TimeZone) is { } zone ? TimeZones.ToLocal(utc, zone) : new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public bool HasEnded(DateTime now) => now >= EndsAt;
}

/// <summary>One event in a list: its topic and its event.</summary>
public sealed record EventSummary
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Url => Topics.Url(Id, Slug);
    /// <summary>The space's slug.</summary>
    public string Space { get; init; } = "";
    public AuthorView Author { get; init; } = new("", "");
    public EventView Event { get; init; } = new();
}

public sealed record EventListing(CommunityAccess Community, string When, string? Space, Page<EventSummary> Events);

/// <summary>What a calendar entry needs.</summary>
public sealed record CalendarEntry
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Body { get; init; } = "";
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    public string TimeZone { get; init; } = "";
    public string? Location { get; init; }
    public string? Url { get; init; }
    public int Revision { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public string CommunityName { get; init; } = "";
}

/// <summary>Which events a list holds. Upcoming includes those under way: they have not ended.</summary>
public enum EventWhen { Upcoming, Past }

/// <summary>Where an event list resumes: after the event last shown, in (starts_at, topic id) order.</summary>
public sealed record EventCursor(DateTime StartsAt, long Id)
{
    public static string Of(EventSummary e) => $"{Page.Instant(e.Event.StartsAt)}|{e.Id.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? cursor, out EventCursor? after)
    {
        after = null;
        var parts = Page.Decode(cursor);
        if (parts is null) return false;
        if (parts.Length == 0) return true;
        if (parts.Length != 2 || !Page.TryInstant(parts[0], out var at)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        after = new EventCursor(at, id);
        return true;
    }
}

/// <summary>
/// Read side of events. Counts and lists hold active members only (an RSVP of someone who left counts for nothing).
/// The topic page adds one command for its event, whatever the number of attendees: the event, the viewer's answer and
/// the first names of each list together.
/// </summary>
public sealed class EventQueries(Db db, TimeProvider clock)
{
    /// <summary>How many names of each list the topic page shows; the rest are counted.</summary>
    public const int PageAttendees = 100;

    /// <summary>How many names of each list the attendees route returns; the counts are always exact.</summary>
    public const int ApiAttendees = 1_000;

    /// <summary>The community feed holds upcoming events and those that ended in the last year, at most this many.</summary>
    public const int FeedLimit = 1_000;

    private static string Count(string state) => $"""
        (SELECT COUNT(*) FROM event_rsvps r
         JOIN memberships m ON m.community_id = e.community_id AND m.user_id = r.user_id AND m.state = 'Active'
         WHERE r.topic_id = e.topic_id AND r.state = '{state}')
        """;

    private static readonly string EventColumns = $"""
        e.topic_id, e.starts_at, e.ends_at, e.time_zone, e.location, e.url, e.capacity,
        {Count("Going")} AS going_count, {Count("Maybe")} AS maybe_count, {Count("Waitlisted")} AS waitlist_count
        """;

    private static string AttendeeList(string state) => $"""
        SELECT * FROM (
            SELECT r.state, r.sequence, r.responded_at, u.user_name, u.display_name
            FROM event_rsvps r
            JOIN events e ON e.topic_id = r.topic_id
            JOIN memberships m ON m.community_id = e.community_id AND m.user_id = r.user_id AND m.state = 'Active'
            JOIN users u ON u.id = r.user_id
            WHERE r.topic_id = @TopicId AND r.state = '{state}'
            ORDER BY r.sequence
            LIMIT @Names) l_{state.ToLowerInvariant()}
        """;

    private static readonly string Attendees = $"""
        {AttendeeList("Going")}
        UNION ALL
        {AttendeeList("Maybe")}
        UNION ALL
        {AttendeeList("Waitlisted")}
        """;

    /// <summary>A topic's event with the viewer's answer and the first names of each list, in one command; null when the topic has none.</summary>
    internal static async Task<EventView?> ForTopicAsync(DbConnection connection, long topicId, long? viewer, DbTransaction? tx = null)
    {
        using var results = await connection.QueryMultipleAsync($"""
            SELECT {EventColumns} FROM events e WHERE e.topic_id = @TopicId;
            SELECT r.state,
                   CASE WHEN r.state = 'Waitlisted' THEN
                       (SELECT COUNT(*) FROM event_rsvps w
                        JOIN memberships wm ON wm.community_id = e.community_id AND wm.user_id = w.user_id AND wm.state = 'Active'
                        WHERE w.topic_id = r.topic_id AND w.state = 'Waitlisted' AND w.sequence <= r.sequence)
                   END AS position
            FROM event_rsvps r
            JOIN events e ON e.topic_id = r.topic_id
            JOIN memberships m ON m.community_id = e.community_id AND m.user_id = r.user_id AND m.state = 'Active'
            WHERE r.topic_id = @TopicId AND r.user_id = @Viewer;
            {Attendees};
            """, new { TopicId = topicId, Viewer = viewer ?? 0, Names = PageAttendees }, tx);
        var row = await results.ReadSingleOrDefaultAsync<EventRowView>();
        var mine = await results.ReadSingleOrDefaultAsync<ViewerRow>();
        var names = (await results.ReadAsync<AttendeeRow>()).ToList();
        if (row is null) return null;
        return row.View() with
        {
            ViewerRsvp = mine is null ? null : new ViewerRsvp(Enum.Parse<RsvpState>(mine.State), mine.Position),
            Attendees = Group(names, row),
        };
    }

    /// <summary>Who is going, maybe and waiting, for those who may read the event; null when it does not exist for the viewer.</summary>
    public async Task<AttendeesView?> AttendeesAsync(long topicId, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var topic = await TopicQueries.HeaderAsync(connection, topicId, viewer);
        if (topic is null || !TopicPermissions.MayRead(topic.Access)) return null;
        using var results = await connection.QueryMultipleAsync($"""
            SELECT {EventColumns} FROM events e WHERE e.topic_id = @TopicId;
            {Attendees};
            """, new { TopicId = topicId, Names = ApiAttendees });
        var row = await results.ReadSingleOrDefaultAsync<EventRowView>();
        var names = (await results.ReadAsync<AttendeeRow>()).ToList();
        return row is null ? null : Group(names, row);
    }

    private static AttendeesView Group(List<AttendeeRow> names, EventRowView row)
    {
        List<AttendeeView> Of(string state, bool numbered) =>
            [.. names.Where(n => n.State == state).OrderBy(n => n.Sequence).Select((n, i) => new AttendeeView
            {
                UserName = n.UserName,
                DisplayName = n.DisplayName,
                RespondedAt = n.RespondedAt,
                Position = numbered ? i + 1 : null,
            })];
        return new AttendeesView
        {
            Going = Of("Going", false),
            Maybe = Of("Maybe", false),
            Waitlist = Of("Waitlisted", true),
            GoingCount = row.GoingCount,
            MaybeCount = row.MaybeCount,
            WaitlistCount = row.WaitlistCount,
            Capacity = row.Capacity,
        };
    }

    private const string SummaryFrom = """
        FROM events e
        JOIN topics t ON t.id = e.topic_id
        JOIN spaces s ON s.id = t.space_id
        JOIN users u ON u.id = t.author_id
        """;

    private static string SummarySelect => $"SELECT t.title, t.slug, s.slug AS space_slug, u.user_name AS author_user_name, u.display_name AS author_display_name, {EventColumns}";

    // Upcoming reads forwards from the earliest start among events not yet over; past reads backwards from the latest start.
    private static string ListSql(EventWhen when, bool inSpace, bool keyset) => when == EventWhen.Upcoming
        ? $"{SummarySelect} {SummaryFrom} WHERE e.community_id = @CommunityId AND e.ends_at > @Now{(inSpace ? " AND s.slug = @Space" : "")}{(keyset ? " AND (e.starts_at, e.topic_id) > (@AfterAt, @AfterId)" : "")} ORDER BY e.starts_at, e.topic_id LIMIT @Take"
        : $"{SummarySelect} {SummaryFrom} WHERE e.community_id = @CommunityId AND e.ends_at <= @Now{(inSpace ? " AND s.slug = @Space" : "")}{(keyset ? " AND (e.starts_at, e.topic_id) < (@AfterAt, @AfterId)" : "")} ORDER BY e.starts_at DESC, e.topic_id DESC LIMIT @Take";

    /// <summary>
    /// One page of a community's (or one space's) upcoming events, soonest first, or past events, latest first, with
    /// keyset pagination on (starts_at, id). Two commands: the access row, then the space check and the page.
    /// </summary>
    public async Task<Result<EventListing>> ListAsync(string slug, EventWhen when, string? space, long? viewer, EventCursor? after, int? limit, CancellationToken ct = default)
    {
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (c is null || !TopicPermissions.MayRead(c)) return Problem.NotFound("No such community.");
        var spaceSlug = string.IsNullOrWhiteSpace(space) ? null : space.Trim().ToLowerInvariant();
        using var results = await connection.QueryMultipleAsync($"""
            SELECT COUNT(*) FROM spaces WHERE community_id = @CommunityId AND slug = @Space;
            {ListSql(when, spaceSlug is not null, after is not null)};
            """, new
        {
            CommunityId = c.Id,
            Space = spaceSlug ?? "",
            Now = clock.GetUtcNow().UtcDateTime,
            AfterAt = after?.StartsAt ?? default,
            AfterId = after?.Id ?? 0,
            Take = take + 1,
        });
        var spaceFound = await results.ReadSingleAsync<long>() > 0;
        var rows = (await results.ReadAsync<EventRowView>()).Select(r => r.Summary()).ToList();
        if (spaceSlug is not null && !spaceFound) return Problem.NotFound("No such space.");
        return new EventListing(c, when.ToString(), spaceSlug, Page.Keyset(rows, take, EventCursor.Of));
    }

    /// <summary>The first upcoming and past events of one space, for its page, in one command; the page has checked access.</summary>
    public async Task<(IReadOnlyList<EventSummary> Upcoming, bool MoreUpcoming, IReadOnlyList<EventSummary> Past, bool MorePast)> SpaceOverviewAsync(
        long communityId, string space, int take, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        using var results = await connection.QueryMultipleAsync($"""
            {ListSql(EventWhen.Upcoming, true, false)};
            {ListSql(EventWhen.Past, true, false)};
            """, new { CommunityId = communityId, Space = space, Now = clock.GetUtcNow().UtcDateTime, Take = take + 1 });
        var upcoming = (await results.ReadAsync<EventRowView>()).Select(r => r.Summary()).ToList();
        var past = (await results.ReadAsync<EventRowView>()).Select(r => r.Summary()).ToList();
        return ([.. upcoming.Take(take)], upcoming.Count > take, [.. past.Take(take)], past.Count > take);
    }

    private const string CalendarSelect = """
        SELECT t.id, t.title, t.slug, COALESCE(p.body, '') AS body, e.starts_at, e.ends_at, e.time_zone, e.location, e.url, e.revision,
               e.created_at, e.updated_at, c.name AS community_name
        FROM events e
        JOIN topics t ON t.id = e.topic_id
        JOIN communities c ON c.id = e.community_id
        LEFT JOIN posts p ON p.topic_id = t.id AND p.post_number = 1 AND p.state = 'Visible'
        """;

    /// <summary>
    /// A community's calendar: upcoming events and those of the last year, for those who may read it. The description is
    /// the first post's Markdown, unless a moderator has hidden it.
    /// </summary>
    public async Task<Result<(CommunityAccess Community, IReadOnlyList<CalendarEntry> Entries)>> CalendarAsync(string slug, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (c is null || !TopicPermissions.MayRead(c)) return Problem.NotFound("No such community.");
        var entries = await connection.QueryAsync<CalendarEntry>(
            $"{CalendarSelect} WHERE e.community_id = @CommunityId AND e.ends_at > @Since ORDER BY e.starts_at, e.topic_id LIMIT @Take",
            new { CommunityId = c.Id, Since = clock.GetUtcNow().UtcDateTime.AddYears(-1), Take = FeedLimit });
        return (c, [.. entries]);
    }

    /// <summary>One event's calendar entry, or null when it does not exist for the viewer.</summary>
    public async Task<CalendarEntry?> CalendarEntryAsync(long topicId, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var topic = await TopicQueries.HeaderAsync(connection, topicId, viewer);
        if (topic is null || !TopicPermissions.MayRead(topic.Access)) return null;
        return await connection.QuerySingleOrDefaultAsync<CalendarEntry>($"{CalendarSelect} WHERE e.topic_id = @TopicId", new { TopicId = topicId });
    }

    private sealed record EventRowView
    {
        public long TopicId { get; init; }
        public string Title { get; init; } = "";
        public string Slug { get; init; } = "";
        public string SpaceSlug { get; init; } = "";
        public string AuthorUserName { get; init; } = "";
        public string AuthorDisplayName { get; init; } = "";
        public DateTime StartsAt { get; init; }
        public DateTime EndsAt { get; init; }
        public string TimeZone { get; init; } = "";
        public string? Location { get; init; }
        public string? Url { get; init; }
        public int? Capacity { get; init; }
        public int GoingCount { get; init; }
        public int MaybeCount { get; init; }
        public int WaitlistCount { get; init; }

        public EventView View() => new()
        {
            TopicId = TopicId,
            StartsAt = StartsAt,
            EndsAt = EndsAt,
            TimeZone = TimeZone,
            Location = Location,
            Url = Url,
            Capacity = Capacity,
            GoingCount = GoingCount,
            MaybeCount = MaybeCount,
            WaitlistCount = WaitlistCount,
        };

        public EventSummary Summary() => new()
        {
            Id = TopicId,
            Title = Title,
            Slug = Slug,
            Space = SpaceSlug,
            Author = new AuthorView(AuthorUserName, AuthorDisplayName),
            Event = View(),
        };
    }

    private sealed record ViewerRow
    {
        public string State { get; init; } = "";
        public int? Position { get; init; }
    }

    private sealed record AttendeeRow
    {
        public string State { get; init; } = "";
        public long Sequence { get; init; }
        public DateTime RespondedAt { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
    }
}
