using System.Globalization;

namespace Hearth.Features.Events;

/// <summary>
/// The event fields of the HTML forms (new topic in an Events space, edit event). Start and end are datetime-local
/// values, read as wall-clock times in the chosen time zone and sent on as instants with that zone's offset.
/// </summary>
public sealed class EventForm
{
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm";
    private static readonly string[] LocalFormats = [LocalFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public string? TimeZone { get; set; } = "UTC";
    public string? Location { get; set; }
    public string? Url { get; set; }
    public string? Capacity { get; set; }

    /// <summary>True when nothing was filled in (the time zone select always sends a value, so it does not count).</summary>
    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(StartsAt) && string.IsNullOrWhiteSpace(EndsAt) && string.IsNullOrWhiteSpace(Location)
        && string.IsNullOrWhiteSpace(Url) && string.IsNullOrWhiteSpace(Capacity);

    /// <summary>The API's event block, or null when the form had no event fields.</summary>
    public EventRequest? ToRequest()
    {
        if (IsEmpty) return null;
        var zone = TimeZones.Find(TimeZone?.Trim());
        int? capacity = string.IsNullOrWhiteSpace(Capacity) ? null
            // Not a whole number: a value the rules refuse, so the form shows the capacity message.
            : int.TryParse(Capacity.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : -1;
        return new EventRequest(Instant(StartsAt, zone), Instant(EndsAt, zone), TimeZone, Location, Url, capacity);
    }

    /// <summary>The form prefilled from an event, times on its own wall clock.</summary>
    public static EventForm From(EventView e) => new()
    {
        StartsAt = e.Local(e.StartsAt).ToString(LocalFormat, CultureInfo.InvariantCulture),
        EndsAt = e.Local(e.EndsAt).ToString(LocalFormat, CultureInfo.InvariantCulture),
        TimeZone = e.TimeZone,
        Location = e.Location,
        Url = e.Url,
        Capacity = e.Capacity?.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A wall-clock time in the zone as an ISO instant. Without a valid zone it is read as UTC, so only the zone is
    /// reported wrong; what does not parse is passed on as typed, for the rules to report.
    /// </summary>
    private static string? Instant(string? local, TimeZoneInfo? zone)
    {
        if (string.IsNullOrWhiteSpace(local)) return null;
        if (!DateTime.TryParseExact(local.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall)) return local;
        if (zone is null || wall.Year < EventLimits.FirstYear || wall.Year >= EventLimits.LastYear)
            return wall.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return TimeZones.AtLocal(wall, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}

/// <summary>How pages word an event's time and places.</summary>
public static class EventText
{
    private const string Day = "ddd d MMM yyyy";

    /// <summary>"Sat 14 Jun 2025, 18:00 – 20:00", or both dates when it ends on another day.</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end)
    {
        var first = start.ToString(Day + ", HH:mm", CultureInfo.InvariantCulture);
        return start.Date == end.Date
            ? $"{first} – {end.ToString("HH:mm", CultureInfo.InvariantCulture)}"
            : $"{first} – {end.ToString(Day + ", HH:mm", CultureInfo.InvariantCulture)}";
    }

    /// <summary>On the event's wall clock.</summary>
    public static string Local(EventView e) => Span(e.Local(e.StartsAt), e.Local(e.EndsAt));

    /// <summary>"Europe/Berlin, UTC+02:00" (the offset at the start).</summary>
    public static string Zone(EventView e) => $"{e.TimeZone}, {TimeZones.Offset(e.Local(e.StartsAt).Offset)}";

    public static string Utc(EventView e) =>
        Span(new DateTimeOffset(e.StartsAt, TimeSpan.Zero), new DateTimeOffset(e.EndsAt, TimeSpan.Zero)) + " UTC";

    /// <summary>"3 going · 2 of 5 places left · 1 waiting", "4 going · 1 maybe".</summary>
    public static string Places(EventView e)
    {
        var parts = new List<string> { $"{e.GoingCount} going" };
        if (e.MaybeCount > 0) parts.Add($"{e.MaybeCount} maybe");
        if (e.Capacity is { } capacity) parts.Add($"{e.PlacesLeft} of {capacity} {(capacity == 1 ? "place" : "places")} left");
        if (e.WaitlistCount > 0) parts.Add($"{e.WaitlistCount} waiting");
        return string.Join(" · ", parts);
    }

    public static string State(ViewerRsvp rsvp) => rsvp.State switch
    {
        RsvpState.Going => "You are going.",
        RsvpState.Waitlisted => $"The event is full: you are number {rsvp.Position} on the waiting list.",
        RsvpState.Maybe => "You might go.",
        _ => "You are not going.",
    };
}
