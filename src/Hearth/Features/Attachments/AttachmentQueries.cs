using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;

namespace Hearth.Features.Attachments;

/// <summary>An attachment someone may download: what to send, and under which name and type.</summary>
public sealed record AttachmentFile
{
    public string Id { get; init; } = "";
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long Size { get; init; }
}

/// <summary>Read side of attachments: one query decides whether the viewer may see the file.</summary>
public sealed class AttachmentQueries(Db db)
{
    /// <summary>
    /// The attachment, or null when it does not exist or the viewer may not see it: they must be able to read its
    /// community and, once it belongs to a post, see that post (its uploader always sees their own upload while they
    /// may read the community).
    /// </summary>
    public async Task<AttachmentFile?> ForViewerAsync(string id, long? viewer, CancellationToken ct = default)
    {
        if (!AttachmentTypes.IsId(id)) return null;
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>("""
            SELECT a.id, a.file_name, a.content_type, a.size, a.uploader_id, a.post_id, p.state AS post_state,
                   c.id AS community_id, c.visibility, c.status, m.role AS viewer_role, m.state AS viewer_state
            FROM attachments a
            JOIN communities c ON c.id = a.community_id
            LEFT JOIN posts p ON p.id = a.post_id
            LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = @Viewer
            WHERE a.id = @Id
            """, new { Id = id, Viewer = viewer ?? 0 });
        if (row is null) return null;
        var access = new CommunityAccess { Id = row.CommunityId, Visibility = row.Visibility, Status = row.Status, ViewerRole = row.ViewerRole, ViewerState = row.ViewerState };
        if (!CommunityPermissions.MayRead(access)) return null;
        if (row.PostId is not null && row.PostState != "Visible" && row.UploaderId != viewer) return null;
        return new AttachmentFile { Id = row.Id, FileName = row.FileName, ContentType = row.ContentType, Size = row.Size };
    }

    private sealed record Row
    {
        public string Id { get; init; } = "";
        public string FileName { get; init; } = "";
        public string ContentType { get; init; } = "";
        public long Size { get; init; }
        public long UploaderId { get; init; }
        public long? PostId { get; init; }
        public string? PostState { get; init; }
        public long CommunityId { get; init; }
        public string Visibility { get; init; } = "";
        public string Status { get; init; } = "";
        public string? ViewerRole { get; init; }
        public string? ViewerState { get; init; }
    }
}
