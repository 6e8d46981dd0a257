using Microsoft.Extensions.Options;

namespace Hearth.Features.Attachments;

/// <summary>
/// The files themselves, on disk under <see cref="AttachmentOptions.Path"/>: <c>ab/abcdef…</c>, named by the attachment's
/// random id and never by anything a member sent, so no upload can choose where it lands or what it overwrites.
/// </summary>
public sealed class AttachmentStore(IOptions<AttachmentOptions> options, IWebHostEnvironment environment)
{
    public string Root { get; } = string.IsNullOrWhiteSpace(options.Value.Path)
        ? Path.Combine(environment.ContentRootPath, "data", "attachments")
        : Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    /// <summary>Where the file with this id lives; the id must have passed <see cref="AttachmentTypes.IsId"/>.</summary>
    public string PathOf(string id) =>
        AttachmentTypes.IsId(id) ? Path.Combine(Root, id[..2], id) : throw new ArgumentException("Not an attachment id.", nameof(id));

    /// <summary>Copies the upload to a temporary name beside its final one and then moves it there, so a file is whole or absent.</summary>
    public async Task<long> SaveAsync(string id, Func<Stream> open, CancellationToken ct = default)
    {
        var path = PathOf(id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        try
        {
            long size;
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            await using (var input = open())
            {
                await input.CopyToAsync(output, ct);
                size = output.Length;
            }
            File.Move(temporary, path);
            return size;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public void Delete(string id) => File.Delete(PathOf(id));
}
