using System.Globalization;
using System.Text;

namespace Hearth.Features.Health;

/// <summary>
/// The figures as one long CSV table (RFC 4180): <c>section,figure,period_start,value</c>. Single figures have an
/// empty period; the daily and weekly series have one row per period and figure; shares are fractions from 0 to 1,
/// durations seconds, and a figure with nothing to measure is empty.
/// </summary>
public static class HealthCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Write(HealthFigures f)
    {
        var csv = new StringBuilder("section,figure,period_start,value\r\n");
        void Row(string section, string figure, object? value, DateTime? period = null) =>
            csv.Append(section).Append(',').Append(figure).Append(',')
                .Append(period is { } p ? Instant(p) : "").Append(',').Append(Format(value)).Append("\r\n");

        Row("snapshot", "community", f.Community);
        Row("snapshot", "computed_at", Instant(f.ComputedAt));
        Row("snapshot", "window_days", f.WindowDays);
        Row("active_members", "day", f.ActiveMembers.Day);
        Row("active_members", "week", f.ActiveMembers.Week);
        Row("active_members", "month", f.ActiveMembers.Month);
        Row("new_members", "joined", f.NewMembers.Joined);
        Row("new_members", "posted_within_30_days", f.NewMembers.PostedWithin30Days);
        Row("responsiveness", "topics_with_reply", f.Responsiveness.TopicsWithReply);
        Row("responsiveness", "median_seconds_to_first_reply", f.Responsiveness.MedianSecondsToFirstReply);
        Row("responsiveness", "questions", f.Responsiveness.Questions);
        Row("responsiveness", "answered", f.Responsiveness.Answered);
        Row("responsiveness", "solved", f.Responsiveness.Solved);
        Row("responsiveness", "median_seconds_to_solved", f.Responsiveness.MedianSecondsToSolved);
        Row("responsiveness", "answered_by_members", f.Responsiveness.AnsweredByMembers);
        Row("responsiveness", "share_answered_by_members", f.Responsiveness.ShareAnsweredByMembers);
        Row("reciprocity", "participants", f.Reciprocity.Participants);
        Row("reciprocity", "both", f.Reciprocity.Both);
        Row("reciprocity", "share", f.Reciprocity.Share);
        Row("concentration", "contributors", f.Concentration.Contributors);
        Row("concentration", "contributions", f.Concentration.Contributions);
        Row("concentration", "top_contributors", f.Concentration.TopContributors);
        Row("concentration", "top_contributions", f.Concentration.TopContributions);
        Row("concentration", "share", f.Concentration.Share);
        Row("ideas", "ideas", f.Ideas.Ideas);
        Row("ideas", "with_status_change", f.Ideas.WithStatusChange);
        Row("ideas", "without_status", f.Ideas.WithoutStatus);
        Row("ideas", "median_seconds_to_first_status", f.Ideas.MedianSecondsToFirstStatus);
        var mix = f.StyleMix;
        Row("style_mix", "posts", mix.Posts);
        foreach (var (name, share) in new[] { ("broadcast", mix.Broadcast), ("promotion", mix.Promotion), ("support", mix.Support), ("innovation", mix.Innovation), ("conversation", mix.Conversation) })
        {
            Row("style_mix", name + "_posts", share.Posts);
            Row("style_mix", name + "_share", share.Share);
        }
        Row("style_mix", "announcements", mix.Announcements);
        Row("style_mix", "announcement_replies", mix.AnnouncementReplies);
        Row("style_mix", "replies_per_announcement", mix.RepliesPerAnnouncement);
        foreach (var day in f.ActiveMembers.Daily) Row("daily", "active_members", day.Members, day.Start);
        foreach (var week in f.Weekly)
        {
            Row("weekly", "topics", week.Topics, week.Start);
            Row("weekly", "replies", week.Replies, week.Start);
            Row("weekly", "answers", week.Answers, week.Start);
        }
        foreach (var reading in mix.Readings) Row("reading", reading.Code, reading.Text);
        return csv.ToString();
    }

    private static string Instant(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => Quote(s),
        _ => Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>Quotes a field that needs it; a leading = + - @ is defused so spreadsheets do not run it as a formula.</summary>
    private static string Quote(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@') s = "'" + s;
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
