using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;

namespace Hearth.Features.Ideas;

/// <summary>
/// An idea's status. The usual path is New → UnderReview → Planned → InProgress → Done, or Declined from any of
/// them; moderators may move an idea to any other status (reopening a declined idea, say), because every move is
/// kept with its note. The wire spelling is exactly the member name: "New", "UnderReview", "Planned", "InProgress",
/// "Done", "Declined" (case-sensitive).
/// </summary>
public enum IdeaStatus { New, UnderReview, Planned, InProgress, Done, Declined }

public static class IdeaStatuses
{
    public const int NoteMax = 2_000;

    public static IReadOnlyList<string> All { get; } = Enum.GetNames<IdeaStatus>();

    public static bool IsValid(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);

    /// <summary>What a person reads: "Under review" for UnderReview.</summary>
    public static string Label(string status) => status switch
    {
        nameof(IdeaStatus.UnderReview) => "Under review",
        nameof(IdeaStatus.InProgress) => "In progress",
        _ => status,
    };
}

public static class IdeaPermissions
{
    public static bool IsIdea(string spaceKind) => spaceKind == nameof(SpaceKind.Ideas);

    public static bool MayVote(CommunityAccess c) => CommunityPermissions.MayPost(c);

    /// <summary>Only moderators and stewards move an idea along.</summary>
    public static bool MayChangeStatus(CommunityAccess c) => CommunityPermissions.MayPost(c) && c.IsModerator;
}

/// <summary>One change of an idea's status: who, from what, to what, why, when.</summary>
public sealed record IdeaStatusChange
{
    public string From { get; init; } = "";
    public string To { get; init; } = "";
    public string Note { get; init; } = "";
    public string NoteHtml { get; init; } = "";
    public AuthorView By { get; init; } = new("", "");
    public DateTime At { get; init; }
}

/// <summary>
/// What an idea's page adds to the topic: its status history and the viewer's vote, read in the topic page's one
/// batch (<see cref="TopicQueries.TopicAsync"/>), so an idea costs no extra round trip.
/// </summary>
internal static class IdeaTopicParts
{
    /// <summary>Two statements over topic <c>@Id</c> and viewer <c>@Viewer</c>.</summary>
    public const string Sql = """
        SELECT c.from_status, c.to_status, c.note, c.note_html, c.created_at, u.user_name, u.display_name
        FROM idea_status_changes c JOIN users u ON u.id = c.actor_id
        WHERE c.topic_id = @Id ORDER BY c.id;
        SELECT COUNT(*) FROM idea_votes WHERE topic_id = @Id AND user_id = @Viewer;
        """;

    public static async Task<TopicView> ReadAsync(SqlMapper.GridReader results, TopicView topic)
    {
        var history = (await results.ReadAsync<ChangeRow>()).Select(r => r.View).ToList();
        var mine = await results.ReadSingleAsync<long>();
        return topic with { StatusHistory = history, MyVote = mine > 0 ? 1 : 0 };
    }

    internal sealed record ChangeRow
    {
        public string FromStatus { get; init; } = "";
        public string ToStatus { get; init; } = "";
        public string Note { get; init; } = "";
        public string NoteHtml { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";

        public IdeaStatusChange View => new()
        {
            From = FromStatus,
            To = ToStatus,
            Note = Note,
            NoteHtml = NoteHtml,
            By = new AuthorView(UserName, DisplayName),
            At = CreatedAt,
        };
    }
}
