using System.Globalization;
using System.Text;
using Markdig;

namespace Hearth.Features.Events;

/// <summary>
/// Writes iCalendar (RFC 5545): a VCALENDAR of VEVENTs with UTC times (valid without VTIMEZONE components, and read
/// the same by every client), TEXT values escaped (backslash, semicolon, comma, newline), CRLF line ends, and lines
/// folded at 75 octets of UTF-8 without splitting a character. Small enough to own rather than take a dependency.
/// </summary>
public static class ICalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const int MaxOctets = 75;

    // The same syntax members write in; raw HTML stays literal text, as it does on the page.
    private static readonly MarkdownPipeline PlainText = new MarkdownPipelineBuilder()
        .DisableHtml().UseEmphasisExtras().UsePipeTables().UseTaskLists().UseAutoLinks().Build();

    /// <param name="baseUrl">The site's scheme and host, e.g. https://hearth.example, for the topics' links.</param>
    /// <param name="host">The site's host name, which makes the UIDs unique beyond this instance.</param>
    public static string Write(string calendarName, IEnumerable<CalendarEntry> entries, string baseUrl, string host)
    {
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//Hearth//Hearth Events//EN");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:PUBLISH");
        Line(ics, "X-WR-CALNAME:" + Text(calendarName));
        foreach (var e in entries)
        {
            var url = baseUrl.TrimEnd('/') + Discussions.Topics.Url(e.Id, e.Slug);
            Line(ics, "BEGIN:VEVENT");
            Line(ics, $"UID:event-{e.Id.ToString(CultureInfo.InvariantCulture)}@{host}");
            // Without a METHOD of its own a published event's DTSTAMP is its last change (RFC 5545 3.8.7.2), so the feed is stable.
            Line(ics, "DTSTAMP:" + Utc(e.UpdatedAt));
            Line(ics, "CREATED:" + Utc(e.CreatedAt));
            Line(ics, "LAST-MODIFIED:" + Utc(e.UpdatedAt));
            Line(ics, "SEQUENCE:" + e.Revision.ToString(CultureInfo.InvariantCulture));
            Line(ics, "DTSTART:" + Utc(e.StartsAt));
            Line(ics, "DTEND:" + Utc(e.EndsAt));
            Line(ics, "SUMMARY:" + Text(e.Title));
            Line(ics, "DESCRIPTION:" + Text(Description(e, url)));
            if ((e.Location ?? e.Url) is { } where) Line(ics, "LOCATION:" + Text(where));
            Line(ics, "URL:" + url);
            Line(ics, "STATUS:CONFIRMED");
            Line(ics, "END:VEVENT");
        }
        Line(ics, "END:VCALENDAR");
        return ics.ToString();
    }

    /// <summary>The event's Markdown as plain text, then the online link and the time zone it is held in.</summary>
    private static string Description(CalendarEntry e, string topicUrl)
    {
        var text = new StringBuilder(Markdown.ToPlainText(e.Body, PlainText).Trim());
        if (e.Url is { } online) text.Append(text.Length > 0 ? "\n\n" : "").Append("Online: ").Append(online);
        text.Append(text.Length > 0 ? "\n\n" : "").Append("Time zone: ").Append(e.TimeZone);
        text.Append("\n").Append(topicUrl);
        return text.ToString();
    }

    public static string Utc(DateTime at) =>
        DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A TEXT value (RFC 5545 3.3.11): \ ; , escaped, line breaks as \n, other control characters dropped.</summary>
    public static string Text(string value)
    {
        var escaped = new StringBuilder(value.Length + 16);
        var normalised = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var ch in normalised)
        {
            switch (ch)
            {
                case '\\': escaped.Append(@"\\"); break;
                case ';': escaped.Append(@"\;"); break;
                case ',': escaped.Append(@"\,"); break;
                case '\n': escaped.Append(@"\n"); break;
                case '\t': escaped.Append(ch); break;
                case < ' ' or '\u007f': break;
                default: escaped.Append(ch); break;
            }
        }
        return escaped.ToString();
    }

    /// <summary>
    /// Appends a content line, folded (RFC 5545 3.1): no line longer than 75 octets, continuation lines starting with one
    /// space. Counted in UTF-8 octets and cut between characters (whole runes, so surrogate pairs stay together).
    /// </summary>
    public static void Line(StringBuilder ics, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxOctets)
            {
                ics.Append("\r\n ");
                octets = 1;
            }
            ics.Append(rune.ToString());
            octets += size;
        }
        ics.Append("\r\n");
    }
}
