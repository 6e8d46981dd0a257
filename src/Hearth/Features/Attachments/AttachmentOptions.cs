namespace Hearth.Features.Attachments;

/// <summary>Bound from <c>Hearth:Attachments</c>; the defaults suit a community site.</summary>
public sealed class AttachmentOptions
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>Where files are kept; empty means <c>data/attachments</c> under the content root, relative paths start there too.</summary>
    public string Path { get; set; } = "";

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>
    /// The content types accepted, from those Hearth can verify (<see cref="AttachmentTypes.Known"/>); empty means all of them.
    /// Kept null by default: the configuration binder appends to an array that already has items.
    /// </summary>
    public string[]? AllowedTypes { get; set; }

    public IReadOnlyList<FileKind> Allowed =>
        AllowedTypes is { Length: > 0 } types
            ? [.. AttachmentTypes.Known.Where(k => types.Contains(k.ContentType, StringComparer.OrdinalIgnoreCase))]
            : AttachmentTypes.Known;

    /// <summary>"10 MB", for messages and hints.</summary>
    public string MaxSize => MaxBytes % (1024 * 1024) == 0 ? $"{MaxBytes / (1024 * 1024)} MB"
        : MaxBytes % 1024 == 0 ? $"{MaxBytes / 1024} KB" : $"{MaxBytes} bytes";
}
