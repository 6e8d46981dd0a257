using Dapper;
using Hearth.Features.Discussions;

namespace Hearth.Features.Conversation;

/// <summary>The fixed set of reactions, in the order the page shows them.</summary>
public static class ReactionKinds
{
    public static readonly IReadOnlyList<(string Kind, string Emoji, string Label)> All =
    [
        ("like", "👍", "Like"),
        ("thanks", "🙏", "Thanks"),
        ("insightful", "💡", "Insightful"),
        ("laugh", "😄", "Funny"),
        ("celebrate", "🎉", "Celebrate"),
    ];

    public static bool IsKnown(string? kind) => All.Any(k => k.Kind == kind);

    public static string Names => string.Join(", ", All.Select(k => k.Kind));
}

/// <summary>The reactions of one page of posts, as one more statement of the topic page's batch.</summary>
internal static class ReactionQueries
{
    /// <summary>Per post of <paramref name="pagePostIds"/> (a subquery) and kind: the count and whether <c>@Viewer</c> is among them.</summary>
    public static string PageSql(string pagePostIds) => $"""
        SELECT r.post_id, r.kind, COUNT(*) AS count, SUM(CASE WHEN r.user_id = @Viewer THEN 1 ELSE 0 END) AS mine
        FROM post_reactions r WHERE r.post_id IN ({pagePostIds})
        GROUP BY r.post_id, r.kind;
        """;

    public static async Task<List<PostView>> ReadPageAsync(SqlMapper.GridReader results, List<PostView> posts)
    {
        var rows = (await results.ReadAsync<CountRow>()).ToLookup(r => r.PostId);
        return [.. posts.Select(p => With(p, rows[p.Id]))];
    }

    public static PostView With(PostView post, IEnumerable<CountRow> rows)
    {
        var ordered = Order(rows).ToList();
        return ordered.Count == 0 ? post : post with
        {
            Reactions = ordered.ToDictionary(r => r.Kind, r => (int)r.Count),
            MyReactions = [.. ordered.Where(r => r.Mine > 0).Select(r => r.Kind)],
        };
    }

    private static IEnumerable<CountRow> Order(IEnumerable<CountRow> rows) =>
        rows.OrderBy(r => ReactionKinds.All.Select(k => k.Kind).ToList().IndexOf(r.Kind));

    internal sealed record CountRow
    {
        public long PostId { get; init; }
        public string Kind { get; init; } = "";
        public long Count { get; init; }
        public long Mine { get; init; }
    }
}
