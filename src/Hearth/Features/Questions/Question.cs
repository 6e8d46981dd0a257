using Hearth.Features.Communities;
using Hearth.Features.Discussions;

namespace Hearth.Features.Questions;

/// <summary>The lists of a Questions space: <c>?filter=unanswered|unsolved|solved</c>.</summary>
public enum QuestionFilter { Unanswered, Unsolved, Solved }

public static class QuestionFilters
{
    /// <summary>The wire spelling is lower case (<c>unanswered</c>); anything else is refused, never guessed.</summary>
    public static bool TryParse(string? text, out QuestionFilter filter)
    {
        filter = default;
        foreach (var f in Enum.GetValues<QuestionFilter>())
        {
            if (string.Equals(text, Wire(f), StringComparison.Ordinal)) { filter = f; return true; }
        }
        return false;
    }

    public static string Wire(QuestionFilter filter) => filter.ToString().ToLowerInvariant();

    /// <summary>The condition on <c>topics t</c> each filter adds; constants only, never built from input.</summary>
    internal static string Sql(QuestionFilter filter) => filter switch
    {
        QuestionFilter.Unanswered => "t.reply_count = 0",
        QuestionFilter.Unsolved => "t.accepted_post_id IS NULL",
        _ => "t.accepted_post_id IS NOT NULL",
    };
}

/// <summary>
/// How a question's posts are ordered on its page: the question first, then the accepted answer, then answers by
/// score (highest first), then by post number. Pages still resume "after post n": the cursor stays a post number,
/// and the database finds where post n ranks now, so a vote cast between two pages moves an answer, not the page.
/// </summary>
public static class AnswerOrder
{
    private static string Rank(string post) =>
        $"CASE WHEN {post}.post_number = 1 THEN 0 WHEN {post}.id = @Accepted THEN 1 ELSE 2 END, -{post}.score, {post}.post_number";

    /// <summary>The ORDER BY over <c>posts p</c>; the command binds <c>@Accepted</c> (null when unsolved).</summary>
    public static readonly string OrderBy = Rank("p");

    /// <summary>The keyset condition over <c>posts p</c> of topic <c>@Id</c> for the page after post <c>@After</c>.</summary>
    public static string After(int afterPostNumber) => afterPostNumber == 0
        ? "TRUE"
        : $"({Rank("p")}) > (SELECT {Rank("c")} FROM posts c WHERE c.topic_id = @Id AND c.post_number = @After)";
}

/// <summary>Pure answers to "may this viewer vote or accept here?", on top of <see cref="CommunityPermissions"/>.</summary>
public static class QuestionPermissions
{
    public static bool IsQuestion(string spaceKind) => spaceKind == nameof(SpaceKind.Questions);

    /// <summary>Members vote on answers (never the question itself), but not on their own.</summary>
    public static bool MayVote(CommunityAccess c, int postNumber, bool ownPost) => CommunityPermissions.MayPost(c) && postNumber > 1 && !ownPost;

    /// <summary>The asker, or a moderator or steward, accepts an answer.</summary>
    public static bool MayAccept(CommunityAccess c, bool isAsker) => CommunityPermissions.MayPost(c) && (isAsker || c.IsModerator);
}
