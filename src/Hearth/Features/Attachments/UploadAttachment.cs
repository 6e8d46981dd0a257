using System.Security.Cryptography;
using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Microsoft.Extensions.Options;

namespace Hearth.Features.Attachments;

/// <param name="CommunitySlug">The community the file is for: who may see it follows from there.</param>
/// <param name="Open">Opens the upload's content from the start; called more than once.</param>
public sealed record UploadRequest(string? CommunitySlug, string? FileName, string? ContentType, long Length, Func<Stream>? Open)
{
    public static UploadRequest From(string? communitySlug, IFormFile? file) =>
        new(communitySlug, file?.FileName, file?.ContentType, file?.Length ?? 0, file is null ? null : file.OpenReadStream);
}

public sealed record AttachmentView
{
    public string Id { get; init; } = "";
    public string Url { get; init; } = "";
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long Size { get; init; }
    public bool IsImage { get; init; }
    /// <summary>What to paste into a post to show the image or link the file.</summary>
    public string Markdown { get; init; } = "";
}

/// <summary>
/// An active member uploads a file for a community. Everything is checked before anything is written — who may, how
/// large, what the bytes really are — and then the file goes to disk under a random id and its row is written only if
/// the uploader is still an active member; a refusal leaves neither file nor row.
/// </summary>
public sealed class UploadAttachment(Db db, AttachmentStore store, IOptions<AttachmentOptions> options, TimeProvider clock)
{
    public bool TooLarge(long length) => length > options.Value.MaxBytes;

    public string TooLargeMessage => $"The file is larger than the limit of {options.Value.MaxSize}.";

    public async Task<Result<AttachmentView>> HandleAsync(UploadRequest request, long uploaderId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.CommunitySlug)) return Problem.Field("communitySlug", "Name the community the file is for.");
        Hearth.Features.Communities.CommunityAccess? c;
        await using (var connection = await db.OpenAsync(ct))
        {
            c = await Hearth.Features.Communities.CommunityAccessQuery.BySlugAsync(connection, request.CommunitySlug.Trim(), uploaderId);
        }
        // As for posts: what the uploader may not read stays unknown, and only active members put files in.
        if (TopicPermissions.RefuseWrite(c) is { } refused) return refused;
        if (request.Open is null || string.IsNullOrWhiteSpace(request.FileName)) return Problem.Field("file", "Choose a file to upload.");
        if (request.Length <= 0) return Problem.Field("file", "The file is empty.");
        if (TooLarge(request.Length)) return Problem.Field("file", TooLargeMessage);
        var allowed = options.Value.Allowed;
        var kind = await AttachmentTypes.DetectAsync(request.Open, request.ContentType, request.FileName, allowed, ct);
        if (kind is null)
            return Problem.Field("file", $"Only {AttachmentTypes.Describe(allowed)} files may be attached, and a file must really be what it says it is.");

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var fileName = AttachmentTypes.FileName(request.FileName, kind);
        var size = await store.SaveAsync(id, request.Open, ct);
        try
        {
            if (TooLarge(size)) { store.Delete(id); return Problem.Field("file", TooLargeMessage); }
            await using var connection = await db.OpenAsync(ct);
            var rows = await connection.ExecuteAsync("""
                INSERT INTO attachments (id, community_id, uploader_id, file_name, content_type, size, created_at)
                SELECT @Id, c.id, @Uploader, @FileName, @ContentType, @Size, @Now
                FROM communities c JOIN memberships m ON m.community_id = c.id AND m.user_id = @Uploader AND m.state = 'Active'
                WHERE c.id = @CommunityId AND c.status = 'Active'
                """, new { Id = id, CommunityId = c!.Id, Uploader = uploaderId, FileName = fileName, kind.ContentType, Size = size, Now = clock.GetUtcNow().UtcDateTime });
            if (rows != 1)
            {
                store.Delete(id);
                return Problem.Forbidden("Only members put files here: join the community first.");
            }
        }
        catch
        {
            store.Delete(id);
            throw;
        }
        var url = AttachmentTypes.Url(id, fileName);
        return new AttachmentView
        {
            Id = id,
            Url = url,
            FileName = fileName,
            ContentType = kind.ContentType,
            Size = size,
            IsImage = kind.IsImage,
            Markdown = AttachmentTypes.Markdown(url, fileName, kind.IsImage),
        };
    }
}
