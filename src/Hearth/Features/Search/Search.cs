using System.Globalization;
using System.Text.Json.Serialization;
using Hearth.Features.Discussions;
using Hearth.Platform.Web;

namespace Hearth.Features.Search;

/// <summary>The filters of a search, as the page and the API receive them (all optional but <see cref="Q"/>).</summary>
/// <param name="Type">topic, post or member; empty for all three.</param>
/// <param name="Kind">The kind of space: Discussion, Questions, Ideas, Announcements, Articles or Events.</param>
/// <param name="Author">A user name.</param>
/// <param name="Solved">true or false: topics with or without an accepted answer.</param>
/// <param name="From">First day (yyyy-MM-dd) or instant, inclusive.</param>
/// <param name="To">Last day (yyyy-MM-dd, inclusive) or instant (exclusive).</param>
public sealed record SearchRequest(
    string? Q, string? Type = null, string? Community = null, string? Kind = null, string? Author = null, string? Tag = null,
    string? Solved = null, string? From = null, string? To = null, string? Cursor = null, int? Limit = null);

/// <summary>One search result: a topic (its title or first post matched), a post (a reply matched) or a member.</summary>
public sealed record SearchHit
{
    /// <summary>topic, post or member.</summary>
    public string Type { get; init; } = "";
    /// <summary>The topic's id for a topic, the post's for a post, the user's for a member.</summary>
    public long Id { get; init; }
    public string Title { get; init; } = "";
    /// <summary>HTML: the matched words inside &lt;mark&gt;, everything else escaped.</summary>
    public string Snippet { get; init; } = "";
    public string Url { get; init; } = "";
    public CommunityRef? Community { get; init; }
    public AuthorView? Author { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>Relevance blended with recency; comparable within one result list only.</summary>
    public double Score { get; init; }
    public long? TopicId { get; init; }
    public int? PostNumber { get; init; }
}

/// <summary>A post of one topic whose text matches, in the order the posts were written.</summary>
public sealed record TopicMatch
{
    public long Id { get; init; }
    public int PostNumber { get; init; }
    public AuthorView Author { get; init; } = new("", "");
    public DateTime CreatedAt { get; init; }
    public string Snippet { get; init; } = "";
    public string Url { get; init; } = "";
}

/// <summary>A topic whose title looks like the one being typed.</summary>
public sealed record SimilarTopic
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public int ReplyCount { get; init; }
    public bool Solved { get; init; }
    public DateTime CreatedAt { get; init; }
    public string Url => Topics.Url(Id, Slug);
}

public static class SearchKinds
{
    public const string Topic = "topic";
    public const string Post = "post";
    public const string Member = "member";
}

/// <summary>
/// Where a result list resumes: the instant the scores were computed at (so recency does not drift between pages),
/// then the last item's (score, source, id) in the list's order: score descending, content before members, id descending.
/// </summary>
internal sealed record ScoreCursor(DateTime Now, double Score, int Source, long Id)
{
    public const int Content = 0;
    public const int Members = 1;

    public string Raw() => string.Join('|', Page.Instant(Now), Score.ToString("R", CultureInfo.InvariantCulture),
        Source.ToString(CultureInfo.InvariantCulture), Id.ToString(CultureInfo.InvariantCulture));

    public static bool TryParse(string? cursor, out ScoreCursor? after)
    {
        after = null;
        var parts = Page.Decode(cursor);
        if (parts is null) return false;
        if (parts.Length == 0) return true;
        if (parts.Length != 4 || !Page.TryInstant(parts[0], out var now)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var source) || source is not (Content or Members)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        after = new ScoreCursor(now, score, source, id);
        return true;
    }

    /// <summary>
    /// The condition, on the columns <c>score</c> and <c>id</c>, that keeps the rows of <paramref name="source"/> after this
    /// cursor. Only these three constant fragments exist; the values travel as @AfterScore and @AfterId.
    /// </summary>
    /// <summary>Whether a row of <paramref name="source"/> comes after this cursor: the C# twin of <see cref="Condition"/>.</summary>
    public bool Allows(int source, double score, long id) =>
        source > Source ? score <= Score
        : source < Source ? score < Score
        : score < Score || (score == Score && id < Id);

    public string Condition(int source) =>
        source > Source ? "AND score <= @AfterScore"
        : source < Source ? "AND score < @AfterScore"
        : "AND (score < @AfterScore OR (score = @AfterScore AND id < @AfterId))";
}
