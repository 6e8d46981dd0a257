namespace Hearth.Features.Portability;

/// <summary>Bound from <c>Hearth:Portability</c>: how large an archive this instance takes in.</summary>
public sealed class PortabilityOptions
{
    /// <summary>The uploaded archive itself, as sent.</summary>
    public long MaxArchiveBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>All entries together, unpacked, as their headers declare (and as reading enforces).</summary>
    public long MaxUnpackedBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>One JSON or JSON Lines file, unpacked.</summary>
    public long MaxJsonBytes { get; set; } = 1024L * 1024 * 1024;

    public int MaxEntries { get; set; } = 100_000;

    /// <summary>An entry that unpacks to more than this many times its packed size (past 1 MB) is taken for a zip bomb.</summary>
    public double MaxCompressionRatio { get; set; } = 200;
}
