using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Hearth.Platform.Data;

namespace Hearth.Features.Attachments;

/// <summary>
/// Ties attachments to the post whose body references them (<c>/attachments/{id}/…</c>, as the upload's Markdown snippet
/// does): from then on only those who may see that post see the file. Only the post author's own uploads for the same
/// community, not yet tied to another post, are taken — pasting someone else's link, or a link from another community,
/// changes nothing about who sees that file.
/// </summary>
public static partial class AttachmentLinks
{
    private const int MaxPerPost = 50;

    [GeneratedRegex("/attachments/([0-9a-f]{32})(?![0-9a-z])")]
    private static partial Regex Reference();

    public static IReadOnlyList<string> Referenced(string? body) =>
        string.IsNullOrEmpty(body) || !body.Contains("/attachments/", StringComparison.Ordinal)
            ? []
            : [.. Reference().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Take(MaxPerPost)];

    /// <summary>Runs inside the post's own write transaction; a body without attachment links costs no command.</summary>
    public static async Task LinkAsync(DbConnection connection, DbTransaction tx, long communityId, long authorId, long postId, string? body)
    {
        var ids = Referenced(body);
        if (ids.Count == 0) return;
        var parameters = new DynamicParameters(new { PostId = postId, CommunityId = communityId, AuthorId = authorId });
        await connection.ExecuteAsync($"""
            UPDATE attachments SET post_id = @PostId
            WHERE id IN {SqlLists.In(parameters, "Id", ids)} AND community_id = @CommunityId AND uploader_id = @AuthorId AND post_id IS NULL
            """, parameters, tx);
    }
}
