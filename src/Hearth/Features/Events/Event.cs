using System.Globalization;
using System.Text.RegularExpressions;
using Hearth.Platform.Results;

namespace Hearth.Features.Events;

/// <summary>
/// The event block of a new topic (and of an edit): ISO 8601 instants with an offset or Z, the IANA zone the event
/// is shown in, a place and/or an online link (http or https), and an optional capacity.
/// </summary>
public sealed record EventRequest(string? StartsAt, string? EndsAt, string? TimeZone, string? Location = null, string? Url = null, int? Capacity = null);

/// <summary>What a member answers; <see cref="RsvpState.Waitlisted"/> is what Going becomes when the event is full.</summary>
public enum RsvpResponse { Going, Maybe, NotGoing }

public enum RsvpState { Going, Waitlisted, Maybe, NotGoing }

public static class EventLimits
{
    public const int Location = 200;
    public const int Url = 2_000;
    public const int CapacityMax = 100_000;

    /// <summary>Instants outside these years are refused: they are mistakes, and reminders an hour or a day before must stay representable.</summary>
    public const int FirstYear = 1970;
    public const int LastYear = 9000;
}

/// <summary>A validated event block: instants in UTC, the zone's canonical id, and where.</summary>
public sealed partial record EventSchedule(DateTime StartsAt, DateTime EndsAt, string TimeZone, string? Location, string? Url, int? Capacity)
{
    /// <summary>
    /// Checks an event block, adding per-field messages (keys "event.startsAt", ...) to <paramref name="validation"/>;
    /// null when there is no block or it is not valid.
    /// </summary>
    public static EventSchedule? Parse(EventRequest? e, Validation validation)
    {
        if (e is null) return null;
        var starts = Instant(e.StartsAt, "event.startsAt", "Start", validation);
        var ends = Instant(e.EndsAt, "event.endsAt", "End", validation);
        if (starts is { } s && ends is { } en && en <= s) validation.Add("event.endsAt", "The end must be after the start.");

        string? zoneId = null;
        if (string.IsNullOrWhiteSpace(e.TimeZone)) validation.Add("event.timeZone", "Time zone is required.");
        else if (TimeZones.Find(e.TimeZone.Trim()) is { } zone) zoneId = zone.Id;
        else validation.Add("event.timeZone", "Time zone must be an IANA time zone id, such as Europe/Berlin or America/New_York.");

        var location = string.IsNullOrWhiteSpace(e.Location) ? null : e.Location.Trim();
        var url = string.IsNullOrWhiteSpace(e.Url) ? null : e.Url.Trim();
        validation.Optional("event.location", location, EventLimits.Location, "Location");
        if (url is not null)
        {
            if (url.Length > EventLimits.Url) validation.Add("event.url", $"Link must be at most {EventLimits.Url} characters.");
            else if (!IsWebLink(url)) validation.Add("event.url", "Link must be an absolute http or https address.");
        }
        if (location is null && url is null) validation.Add("event.location", "Give a place, an online link, or both.");
        if (e.Capacity is { } capacity && capacity is < 1 or > EventLimits.CapacityMax)
            validation.Add("event.capacity", $"Capacity must be between 1 and {EventLimits.CapacityMax:N0}, or left empty for no limit.");

        // Only this block's own fields count: the caller may have collected title or body errors before.
        if (validation.Problem?.Errors?.Keys.Any(k => k.StartsWith("event", StringComparison.Ordinal)) == true) return null;
        return new EventSchedule(starts!.Value, ends!.Value, zoneId!, location, url, e.Capacity);
    }

    /// <summary>
    /// An ISO 8601 date and time that names its offset: "2025-06-01T18:00:00+02:00" or "...Z". A time without an offset
    /// is refused rather than guessed, since the server's zone means nothing to the member.
    /// </summary>
    private static DateTime? Instant(string? text, string field, string label, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            validation.Add(field, $"{label} is required.");
            return null;
        }
        var trimmed = text.Trim();
        if (!IsoInstant().IsMatch(trimmed)
            || !DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            validation.Add(field, $"{label} must be an ISO 8601 date and time with an offset, such as 2025-06-01T18:00:00+02:00 or 2025-06-01T16:00:00Z.");
            return null;
        }
        var utc = at.UtcDateTime;
        if (utc.Year < EventLimits.FirstYear || utc.Year >= EventLimits.LastYear)
        {
            validation.Add(field, $"{label} must be between the years {EventLimits.FirstYear} and {EventLimits.LastYear}.");
            return null;
        }
        return utc;
    }

    public static bool IsWebLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoInstant();
}

/// <summary>
/// IANA time zones. The app runs with invariant globalization; on Linux <see cref="TimeZoneInfo"/> reads the tz
/// database in /usr/share/zoneinfo and needs no ICU for IANA ids (Windows ids would need ICU to convert, and are
/// refused). A few files there are not zones a person means: they are refused too.
/// </summary>
public static partial class TimeZones
{
    private static readonly HashSet<string> NotZones = new(StringComparer.OrdinalIgnoreCase) { "localtime", "posixrules", "Factory", "posix", "right" };

    private static readonly Lazy<IReadOnlyList<string>> AllIds = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId && !NotZones.Contains(z.Id) && ValidId().IsMatch(z.Id))
            .Select(z => z.Id).Append("UTC").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    /// <summary>The zones offered in forms, sorted by id.</summary>
    public static IReadOnlyList<string> Ids => AllIds.Value;

    /// <summary>The zone with this IANA id (its canonical spelling in <see cref="TimeZoneInfo.Id"/>), or null.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || !ValidId().IsMatch(id) || NotZones.Contains(id.Split('/')[0])) return null;
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return zone.HasIanaId ? zone : null;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A wall-clock time in a zone as an instant. Times skipped by a clock change move forward by the gap, as calendars do.</summary>
    public static DateTimeOffset AtLocal(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // For a skipped time GetUtcOffset answers the offset before the change, which moves the instant past the gap.
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    /// <summary>An instant as the zone's wall clock, with its offset.</summary>
    public static DateTimeOffset ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone);

    /// <summary>"UTC+02:00", "UTC−03:30", "UTC".</summary>
    public static string Offset(TimeSpan offset) =>
        offset == TimeSpan.Zero ? "UTC" : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9][A-Za-z0-9_+\-]*){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidId();
}
