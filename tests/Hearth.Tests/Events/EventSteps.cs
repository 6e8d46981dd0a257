using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Events;

/// <summary>Short ways to arrange events through the API, as a script would.</summary>
public static class EventSteps
{
    /// <summary>An instant as the API takes it, in UTC with Z.</summary>
    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Now, to the minute: the instants events are made of in these tests.</summary>
    public static DateTime Soon(TimeSpan from) =>
        new DateTime(DateTime.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, DateTimeKind.Utc) + from;

    public static async Task<string> NewEventsSpaceAsync(this Member steward, string slug, string space = "meetups")
    {
        await steward.AddSpaceAsync(slug, space, "Events", "Meetups");
        return space;
    }

    public static Dictionary<string, object?> Block(DateTime startsAt, TimeSpan? length = null, string timeZone = "Europe/Berlin",
        string? location = "The old bridge", string? url = null, int? capacity = null) => new()
        {
            ["startsAt"] = Iso(startsAt),
            ["endsAt"] = Iso(startsAt + (length ?? TimeSpan.FromHours(2))),
            ["timeZone"] = timeZone,
            ["location"] = location,
            ["url"] = url,
            ["capacity"] = capacity,
        };

    public static Task<HttpResponseMessage> PostEventAsync(this Member member, string slug, string space, object? block,
        string title = "A walk by the river", string body = "We meet at the **bridge**.") =>
        member.PostAsync($"/api/v1/communities/{slug}/topics", new Dictionary<string, object?>
        {
            ["space"] = space,
            ["title"] = title,
            ["body"] = body,
            ["event"] = block,
        });

    /// <summary>An event in <paramref name="space"/> starting <paramref name="startsIn"/> from now; returns the topic.</summary>
    public static async Task<JsonNode> NewEventAsync(this Member member, string slug, string space, TimeSpan startsIn, int? capacity = null,
        string title = "A walk by the river", string body = "We meet at the **bridge**.", TimeSpan? length = null, string? url = null, string? location = "The old bridge") =>
        await (await member.PostEventAsync(slug, space, Block(Soon(startsIn), length, capacity: capacity, url: url, location: location), title, body))
            .ShouldBe(HttpStatusCode.Created);

    public static async Task<JsonNode> RsvpAsync(this Member member, long topicId, string response) =>
        await (await member.PostAsync($"/api/v1/topics/{topicId}/rsvp", new { response })).ShouldBe(HttpStatusCode.OK);

    public static string State(this JsonNode rsvp) => rsvp["state"]!.GetValue<string>();

    public static int? Position(this JsonNode rsvp) => rsvp["position"] is JsonValue v ? v.GetValue<int>() : null;

    public static string[] Names(this JsonNode list) => [.. list.AsArray().Select(a => a!["userName"]!.GetValue<string>())];

    /// <summary>A fresh member who has joined the community.</summary>
    public static async Task<Member> NewJoinedMemberAsync(this HearthApp app, string slug, string prefix = "member")
    {
        var member = await app.NewMemberAsync(prefix);
        await member.JoinAsync(slug);
        return member;
    }

    public static async Task<string[]> NotificationKindsAsync(this Member member) =>
        [.. (await member.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray().Select(n => n!["kind"]!.GetValue<string>())];
}

/// <summary>
/// Reads iCalendar with a parser this project does not write: Debian's python3-icalendar, run by /usr/bin/python3.
/// Missing either is a failure that says how to fix it, never a skip.
/// </summary>
public static class PythonICalendar
{
    private const string Python = "/usr/bin/python3";

    // Prints the calendar and its events as JSON, with any parse errors the library collected (it is lenient by default).
    private const string Script = """
        import json, sys
        try:
            import icalendar
        except ImportError as e:
            print("python3-icalendar is not installed: " + str(e), file=sys.stderr)
            sys.exit(3)
        with open(sys.argv[1], "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        def text(c, k):
            v = c.get(k)
            return None if v is None else str(v)
        out = {"name": cal.name, "errors": [str(e) for e in getattr(cal, "errors", [])], "events": [], "timezones": len(cal.walk("VTIMEZONE"))}
        for k in ("VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME"):
            out[k] = text(cal, k)
        for ev in cal.walk("VEVENT"):
            item = {"errors": [str(e) for e in getattr(ev, "errors", [])]}
            for k in ("UID", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS", "SEQUENCE"):
                item[k] = text(ev, k)
            for k in ("DTSTART", "DTEND", "DTSTAMP", "CREATED", "LAST-MODIFIED"):
                if ev.get(k) is not None:
                    d = ev.decoded(k)
                    item[k] = d.isoformat()
                    item[k + "_utcoffset"] = None if d.utcoffset() is None else d.utcoffset().total_seconds()
            out["events"].append(item)
        print(json.dumps(out, ensure_ascii=False))
        """;

    public static async Task<JsonNode> ParseAsync(string ics)
    {
        if (!File.Exists(Python))
            throw new Xunit.Sdk.XunitException($"{Python} was not found. The iCalendar tests parse with Debian's python3-icalendar: apt-get install python3 python3-icalendar.");
        var file = Path.Combine(Path.GetTempPath(), $"hearth-{Guid.NewGuid():n}.ics");
        await File.WriteAllTextAsync(file, ics, new System.Text.UTF8Encoding(false));
        try
        {
            var start = new ProcessStartInfo(Python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script.Replace("\r\n", "\n", StringComparison.Ordinal));
            start.ArgumentList.Add(file);
            start.Environment["PYTHONIOENCODING"] = "utf-8";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode == 3)
                throw new Xunit.Sdk.XunitException($"{(await error).Trim()} — install it: apt-get install python3-icalendar.");
            if (process.ExitCode != 0)
                throw new Xunit.Sdk.XunitException($"python3-icalendar could not parse the calendar (exit {process.ExitCode}):\n{await error}\n--- calendar ---\n{ics}");
            return JsonNode.Parse(await output)!;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
