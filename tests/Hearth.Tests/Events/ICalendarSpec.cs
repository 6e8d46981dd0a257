using System.Text;
using Hearth.Features.Events;
using Hearth.Platform.Results;

namespace Hearth.Tests.Events;

/// <summary>The iCalendar writer and the event rules on their own, without a database.</summary>
public sealed class ICalendarSpec
{
    [Theory]
    [InlineData("a,b;c\\d", @"a\,b\;c\\d")]
    [InlineData("line one\r\nline two\nthree\rfour", @"line one\nline two\nthree\nfour")]
    [InlineData("bell\u0007 and tab\t", "bell and tab\t")]
    [InlineData("Grüße, 日本", @"Grüße\, 日本")]
    public void Text_values_are_escaped_as_RFC_5545_says(string value, string expected) =>
        Assert.Equal(expected, ICalendar.Text(value));

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_character()
    {
        // Two-, three- and four-byte characters at every offset against the fold.
        foreach (var filler in new[] { "ü", "日", "🎉", "aü", "ab日", "abc🎉" })
        {
            var value = "DESCRIPTION:" + string.Concat(Enumerable.Repeat(filler, 80));
            var ics = new StringBuilder();
            ICalendar.Line(ics, value);
            var text = ics.ToString();
            Assert.EndsWith("\r\n", text);
            var lines = text[..^2].Split("\r\n");
            Assert.True(lines.Length > 1);
            Assert.All(lines, l => Assert.InRange(Encoding.UTF8.GetByteCount(l), 1, 75));
            Assert.All(lines.Skip(1), l => Assert.StartsWith(" ", l));
            // Unfolding (drop each CRLF and the one space after it) gives the line back, character for character.
            Assert.Equal(value, text[..^2].Replace("\r\n ", "", StringComparison.Ordinal));
            Assert.DoesNotContain('\uFFFD', text);
        }
    }

    [Fact]
    public void A_line_of_exactly_75_octets_is_not_folded()
    {
        var ics = new StringBuilder();
        ICalendar.Line(ics, new string('x', 75));
        Assert.Equal(new string('x', 75) + "\r\n", ics.ToString());
    }

    [Theory]
    [InlineData("2031-06-01T18:00:00+02:00", true)]
    [InlineData("2031-06-01T16:00:00Z", true)]
    [InlineData("2031-06-01T16:00Z", true)]
    [InlineData("2031-06-01T16:00:00.123Z", true)]
    [InlineData("2031-06-01T18:00:00", false)]
    [InlineData("2031-06-01", false)]
    [InlineData("2031-13-01T18:00:00Z", false)]
    [InlineData("1 June 2031 18:00 +02:00", false)]
    [InlineData("9999-12-31T23:00:00Z", false)]
    public void Start_times_must_name_their_offset(string startsAt, bool valid)
    {
        var validation = new Validation();
        var schedule = EventSchedule.Parse(new EventRequest(startsAt, "2999-01-01T00:00:00Z", "UTC", "Here"), validation);
        Assert.Equal(valid, schedule is not null);
        Assert.Equal(valid, validation.Problem?.Errors?.ContainsKey("event.startsAt") != true);
    }

    [Fact]
    public void IANA_zones_resolve_with_invariant_globalization_and_others_do_not()
    {
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant, "The tests run as the app does, with invariant globalization.");
        Assert.Equal("Europe/Berlin", TimeZones.Find("Europe/Berlin")!.Id);
        Assert.Equal("America/Argentina/Buenos_Aires", TimeZones.Find("America/Argentina/Buenos_Aires")!.Id);
        Assert.NotNull(TimeZones.Find("UTC"));
        Assert.Null(TimeZones.Find("W. Europe Standard Time"));
        Assert.Null(TimeZones.Find("Europe/Atlantis"));
        Assert.Null(TimeZones.Find("localtime"));
        Assert.Null(TimeZones.Find("/etc/passwd"));
        Assert.Contains("Asia/Kolkata", TimeZones.Ids);
        Assert.DoesNotContain("posixrules", TimeZones.Ids);
    }

    [Fact]
    public void A_wall_clock_time_skipped_by_a_clock_change_moves_forward()
    {
        var berlin = TimeZones.Find("Europe/Berlin")!;
        // 02:30 on the last Sunday of March 2031 does not exist in Berlin; it is read as 03:30 CEST, 01:30 UTC.
        var at = TimeZones.AtLocal(new DateTime(2031, 3, 30, 2, 30, 0), berlin);
        Assert.Equal(new DateTime(2031, 3, 30, 1, 30, 0, DateTimeKind.Utc), at.UtcDateTime);
        var summer = TimeZones.AtLocal(new DateTime(2031, 7, 1, 19, 0, 0), berlin);
        Assert.Equal(TimeSpan.FromHours(2), summer.Offset);
    }
}
