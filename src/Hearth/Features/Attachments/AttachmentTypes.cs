using System.Text;
using System.Text.RegularExpressions;

namespace Hearth.Features.Attachments;

/// <summary>A kind of file Hearth accepts: the content type it is served with, and the extensions its name may end in.</summary>
public sealed record FileKind(string ContentType, string Label, bool IsImage, IReadOnlyList<string> Extensions);

/// <summary>
/// What an uploaded file really is. The client's content type and file name are claims; the bytes decide. Images, PDF
/// and ZIP are recognised by their signatures ("magic bytes"); plain text must be claimed as text and be valid UTF-8
/// without control characters. Anything else is refused — SVG and HTML above all, which could carry script.
/// </summary>
public static partial class AttachmentTypes
{
    public static readonly FileKind Png = new("image/png", "PNG", true, [".png"]);
    public static readonly FileKind Jpeg = new("image/jpeg", "JPEG", true, [".jpg", ".jpeg"]);
    public static readonly FileKind Gif = new("image/gif", "GIF", true, [".gif"]);
    public static readonly FileKind Webp = new("image/webp", "WebP", true, [".webp"]);
    public static readonly FileKind Pdf = new("application/pdf", "PDF", false, [".pdf"]);
    public static readonly FileKind Text = new("text/plain", "plain text", false, [".txt", ".md", ".log", ".csv"]);
    public static readonly FileKind Zip = new("application/zip", "ZIP", false, [".zip"]);

    public static readonly IReadOnlyList<FileKind> Known = [Png, Jpeg, Gif, Webp, Pdf, Text, Zip];

    private const int MaxNameLength = 100;

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();

    /// <summary>Attachment ids are 128 random bits in lower-case hex: safe as a file name on any file system.</summary>
    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static FileKind? ByContentType(string? contentType) =>
        Known.FirstOrDefault(k => string.Equals(k.ContentType, contentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>The kind the file's bytes prove, if it is one of <paramref name="allowed"/>; null means refuse.</summary>
    public static async Task<FileKind?> DetectAsync(Func<Stream> open, string? declaredType, string? fileName, IReadOnlyList<FileKind> allowed, CancellationToken ct = default)
    {
        var head = new byte[16];
        int read;
        await using (var stream = open())
        {
            read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }
        var kind = BySignature(head.AsSpan(0, read));
        if (kind is null && ClaimsText(declaredType, fileName) && await IsPlainTextAsync(open, ct)) kind = Text;
        return kind is not null && allowed.Contains(kind) ? kind : null;
    }

    internal static FileKind? BySignature(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return Webp;
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        // A local file header, or the end-of-directory record of an empty archive.
        if (head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]) || head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x05, 0x06])) return Zip;
        return null;
    }

    private static bool ClaimsText(string? declaredType, string? fileName)
    {
        var type = declaredType?.Split(';')[0].Trim();
        return string.Equals(type, Text.ContentType, StringComparison.OrdinalIgnoreCase)
            || Text.Extensions.Contains(System.IO.Path.GetExtension(BaseName(fileName)).ToLowerInvariant());
    }

    /// <summary>Valid UTF-8 throughout, with no control characters but tab, line feed, form feed and carriage return.</summary>
    private static async Task<bool> IsPlainTextAsync(Func<Stream> open, CancellationToken ct)
    {
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[64 * 1024];
        var chars = new char[buffer.Length + 1];
        await using var stream = open();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                foreach (var b in buffer.AsSpan(0, read))
                    if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\f' or (byte)'\r')) return false;
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            }
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// The name the file is shown and downloaded under: the last path segment only (so "../../x" and "..\\x" lose their
    /// folders), letters, digits, dots, hyphens and underscores, and an extension that matches what the file is — a PNG
    /// called "page.html" becomes "page.html.png", so saving it never makes a web page. The file on disk is named by its id.
    /// </summary>
    public static string FileName(string? claimed, FileKind kind)
    {
        var builder = new StringBuilder();
        foreach (var c in BaseName(claimed).Normalize(NormalizationForm.FormC))
        {
            var keep = char.IsLetterOrDigit(c) || c is '.' or '-' or '_';
            if (keep) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '_') builder.Append('_');
        }
        var name = builder.ToString().TrimStart('.', '_', '-').TrimEnd('.', '_');
        while (name.Contains("..", StringComparison.Ordinal)) name = name.Replace("..", ".", StringComparison.Ordinal);
        var extension = System.IO.Path.GetExtension(name).ToLowerInvariant();
        if (!kind.Extensions.Contains(extension)) { name = (name.Length == 0 ? "file" : name) + kind.Extensions[0]; extension = kind.Extensions[0]; }
        if (name.Length > MaxNameLength) name = name[..(MaxNameLength - extension.Length)].TrimEnd('.', '_') + extension;
        return name;
    }

    private static string BaseName(string? claimed)
    {
        var name = claimed ?? "";
        var cut = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
        return name[(cut + 1)..];
    }

    public static string Url(string id, string fileName) => $"/attachments/{id}/{Uri.EscapeDataString(fileName)}";

    /// <summary>What to paste into a post: an image for images, a link for other files.</summary>
    public static string Markdown(string url, string fileName, bool isImage)
    {
        var text = fileName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        return isImage ? $"![{text}]({url})" : $"[{text}]({url})";
    }

    public static string Describe(IReadOnlyList<FileKind> kinds) =>
        kinds.Count switch
        {
            0 => "no",
            1 => kinds[0].Label,
            _ => string.Join(", ", kinds.Take(kinds.Count - 1).Select(k => k.Label)) + " or " + kinds[^1].Label,
        };
}
