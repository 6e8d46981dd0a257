namespace Hearth.Features.Health;

/// <summary>
/// A community's health figures as of <see cref="ComputedAt"/>. Unless a figure says otherwise, it covers the window
/// of the last <see cref="WindowDays"/> days before that instant, and only Visible posts count: deleted, hidden,
/// pending and removed posts do not, nor does a topic whose opening post is not Visible. Shares run from 0 to 1 and
/// are null when there is nothing to divide; medians are null when there is nothing to take the median of. A median
/// of an even number of values is the mean of the middle two. Durations are in seconds.
/// </summary>
public sealed record HealthFigures
{
    public string Community { get; init; } = "";
    public DateTime ComputedAt { get; init; }
    public int WindowDays { get; init; } = HealthWindow.Days;
    /// <summary>Start of the window (ComputedAt − WindowDays).</summary>
    public DateTime WindowStart { get; init; }

    public ActiveMembers ActiveMembers { get; init; } = new();
    public NewMembers NewMembers { get; init; } = new();
    /// <summary>The last 12 weeks, oldest first; week k covers the 7 days ending 7k days before ComputedAt.</summary>
    public IReadOnlyList<WeekActivity> Weekly { get; init; } = [];
    public Responsiveness Responsiveness { get; init; } = new();
    public Reciprocity Reciprocity { get; init; } = new();
    public Concentration Concentration { get; init; } = new();
    public IdeaFeedback Ideas { get; init; } = new();
    public StyleMix StyleMix { get; init; } = new();
}

/// <summary>
/// Distinct members with any activity in the community — a Visible post, or an activity event (joined, voted,
/// accepted, RSVP'd, changed an idea's status…) other than leaving or being banned, and other than an event about a
/// post that is no longer Visible — in the last 24 hours (<see cref="Day"/>), 7 days and 30 days.
/// </summary>
public sealed record ActiveMembers
{
    public int Day { get; init; }
    public int Week { get; init; }
    public int Month { get; init; }
    /// <summary>The last 30 days, oldest first; day i covers the 24 hours ending i days before ComputedAt.</summary>
    public IReadOnlyList<DayCount> Daily { get; init; } = [];
}

public sealed record DayCount(DateTime Start, int Members);

/// <summary>
/// Members whose membership is Active and began (joined_at) in the window, and how many of them wrote a Visible topic
/// or reply in the community within 30 days of joining.
/// </summary>
public sealed record NewMembers
{
    public int Joined { get; init; }
    public int PostedWithin30Days { get; init; }
    public double? SharePosted { get; init; }
}

/// <summary>
/// One week of posts by the time they were written: topics started (Visible opening posts), replies (Visible later
/// posts outside Questions spaces) and answers (Visible later posts in Questions spaces).
/// </summary>
public sealed record WeekActivity(DateTime Start, int Topics, int Replies, int Answers);

/// <summary>How quickly members hear back, over topics and questions started in the window.</summary>
public sealed record Responsiveness
{
    /// <summary>Topics (any space) with at least one Visible reply by someone other than the topic's author.</summary>
    public int TopicsWithReply { get; init; }
    /// <summary>Median of (first such reply − topic start).</summary>
    public double? MedianSecondsToFirstReply { get; init; }
    /// <summary>Questions started in the window (topics of Questions spaces).</summary>
    public int Questions { get; init; }
    /// <summary>Questions with at least one Visible answer.</summary>
    public int Answered { get; init; }
    /// <summary>Questions whose accepted answer is Visible.</summary>
    public int Solved { get; init; }
    /// <summary>Median of (accepted_at − question start) over the solved questions.</summary>
    public double? MedianSecondsToSolved { get; init; }
    /// <summary>
    /// Answered questions whose credited answer came from a member who is not (now) a steward or moderator. The
    /// credited answer is the accepted one when a Visible answer is accepted, otherwise the first Visible answer.
    /// </summary>
    public int AnsweredByMembers { get; init; }
    /// <summary>AnsweredByMembers ÷ Answered.</summary>
    public double? ShareAnsweredByMembers { get; init; }
}

/// <summary>
/// Reply reciprocity in the window. A reply is a Visible post after the opening one (answers included); it is given
/// by its author and received by the author of the post it replies to, or, when it replies to none, by the topic's
/// author. Replying to oneself is neither. <see cref="Participants"/> gave or received at least one reply;
/// <see cref="Both"/> did both.
/// </summary>
public sealed record Reciprocity
{
    public int Participants { get; init; }
    public int Both { get; init; }
    /// <summary>Both ÷ Participants.</summary>
    public double? Share { get; init; }
}

/// <summary>
/// How concentrated contributions are: contributions are Visible topics and replies (every Visible post) written in
/// the window; the top 10% of contributors is ⌈10% of contributors⌉, at least 1, taken by number of contributions.
/// </summary>
public sealed record Concentration
{
    public int Contributors { get; init; }
    public int Contributions { get; init; }
    public int TopContributors { get; init; }
    public int TopContributions { get; init; }
    /// <summary>TopContributions ÷ Contributions.</summary>
    public double? Share { get; init; }
}

/// <summary>Ideas (topics of Ideas spaces) started in the window and whether a moderator has told their authors anything.</summary>
public sealed record IdeaFeedback
{
    public int Ideas { get; init; }
    /// <summary>Ideas with at least one status change.</summary>
    public int WithStatusChange { get; init; }
    /// <summary>Ideas without any status change yet.</summary>
    public int WithoutStatus { get; init; }
    /// <summary>Median of (first status change − idea start) over the ideas with one.</summary>
    public double? MedianSecondsToFirstStatus { get; init; }
}

/// <summary>
/// How the window's Visible posts split across the styles of community. A post is promotion when it is mostly links
/// (<see cref="LinkShare"/>) or links to a site on its author's own profile; otherwise its space decides: Announcements
/// are broadcast, Questions support, Ideas innovation, and every other space (discussions, articles, events)
/// conversation.
/// </summary>
public sealed record StyleMix
{
    public int Posts { get; init; }
    public StyleShare Broadcast { get; init; } = new();
    public StyleShare Promotion { get; init; } = new();
    public StyleShare Support { get; init; } = new();
    public StyleShare Innovation { get; init; } = new();
    public StyleShare Conversation { get; init; } = new();
    /// <summary>Announcements started in the window.</summary>
    public int Announcements { get; init; }
    /// <summary>Visible replies to those announcements.</summary>
    public int AnnouncementReplies { get; init; }
    /// <summary>AnnouncementReplies ÷ Announcements.</summary>
    public double? RepliesPerAnnouncement { get; init; }
    /// <summary>What the balance means and what stewards could do, derived by <see cref="StyleReadings"/>.</summary>
    public IReadOnlyList<Reading> Readings { get; init; } = [];
}

public sealed record StyleShare
{
    public int Posts { get; init; }
    public double? Share { get; init; }
}

/// <summary>One plain-language reading: a stable <see cref="Code"/> for scripts and tests, and the sentence shown.</summary>
public sealed record Reading(string Code, string Text);

public static class HealthWindow
{
    public const int Days = 30;
    public const int DailyPoints = 30;
    public const int Weeks = 12;
    /// <summary>The new-member figure counts posts up to this many days after joining.</summary>
    public const int NewMemberDays = 30;
}
