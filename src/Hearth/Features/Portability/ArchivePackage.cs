using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hearth.Platform.Results;

namespace Hearth.Features.Portability;

/// <summary>Something wrong with the archive's content; the import answers 422 with the message and writes nothing.</summary>
public sealed class ArchiveException(string message) : Exception(message);

/// <summary>
/// An archive opened for reading, after its table of contents passed: a ZIP; only the known file names (no folders,
/// no "..", no absolute or backslashed paths, no duplicates); every required file; sizes within the limits; no entry
/// that unpacks far beyond its packed size; a manifest of our format and version. Reading then holds every entry to
/// the size its header declared, so a header that lies cannot unpack more.
/// </summary>
public sealed partial class ArchivePackage : IDisposable
{
    private const long BombFloor = 1024 * 1024;
    private const int MaxLine = 8 * 1024 * 1024;

    [GeneratedRegex("^attachments/[0-9a-f]{32}$")]
    private static partial Regex AttachmentEntry();

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;

    private ArchivePackage(ZipArchive zip, Dictionary<string, ZipArchiveEntry> entries, ManifestFile manifest)
    {
        _zip = zip;
        _entries = entries;
        Manifest = manifest;
    }

    public ManifestFile Manifest { get; }

    public static async Task<Result<ArchivePackage>> OpenAsync(Stream seekable, PortabilityOptions limits, long maxAttachmentBytes, CancellationToken ct = default)
    {
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(seekable, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, ct);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
        {
            return Invalid("This is not a ZIP archive.");
        }
        try
        {
            var entries = Check(zip, limits, maxAttachmentBytes);
            var package = new ArchivePackage(zip, entries, new ManifestFile());
            var manifest = await package.ReadJsonAsync<ManifestFile>(Archive.Manifest, ct);
            if (manifest.Format != Archive.Format) throw new ArchiveException($"manifest.json: this is not a {Archive.Format} archive.");
            if (manifest.Version != Archive.Version)
                throw new ArchiveException($"manifest.json: format version {manifest.Version} is not supported; this instance reads version {Archive.Version}.");
            return new ArchivePackage(zip, entries, manifest);
        }
        catch (ArchiveException e)
        {
            zip.Dispose();
            return Invalid(e.Message);
        }
    }

    public static Problem Invalid(string message) => Problem.Invalid(new Dictionary<string, string[]> { ["archive"] = [message] });

    private static Dictionary<string, ZipArchiveEntry> Check(ZipArchive zip, PortabilityOptions limits, long maxAttachmentBytes)
    {
        if (zip.Entries.Count > limits.MaxEntries) throw new ArchiveException($"The archive has more than {limits.MaxEntries} entries.");
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName;
            if (name == Archive.AttachmentFolder) continue; // the folder's own entry, written by some zip tools
            if (name.Contains('\\', StringComparison.Ordinal) || name.StartsWith('/') || name.Contains(':', StringComparison.Ordinal)
                || name.Split('/').Any(part => part is "" or "." or ".."))
                throw new ArchiveException($"The entry '{Printable(name)}' has an unsafe path.");
            var attachment = AttachmentEntry().IsMatch(name);
            if (!attachment && !Archive.Required.Contains(name, StringComparer.Ordinal))
                throw new ArchiveException($"The entry '{Printable(name)}' is not part of the archive format.");
            if (!entries.TryAdd(name, entry)) throw new ArchiveException($"The entry '{Printable(name)}' appears twice.");
            var max = attachment ? maxAttachmentBytes : limits.MaxJsonBytes;
            if (entry.Length > max) throw new ArchiveException($"The entry '{name}' is larger than the limit of {max} bytes.");
            if (entry.Length > BombFloor && entry.Length > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                throw new ArchiveException($"The entry '{name}' unpacks to far more than its packed size; it looks like a zip bomb.");
            total += entry.Length;
            if (total > limits.MaxUnpackedBytes) throw new ArchiveException($"The archive unpacks to more than {limits.MaxUnpackedBytes} bytes.");
        }
        foreach (var required in Archive.Required)
            if (!entries.ContainsKey(required)) throw new ArchiveException($"The archive has no {required}.");
        return entries;
    }

    private static string Printable(string name) => new([.. name.Take(100).Select(c => char.IsControl(c) ? '?' : c)]);

    public bool Has(string name) => _entries.ContainsKey(name);

    /// <summary>An entry's content, held to its declared size.</summary>
    public Stream Open(string name)
    {
        if (!_entries.TryGetValue(name, out var entry)) throw new ArchiveException($"The archive has no {name}.");
        return new Bounded(entry.Open(), entry.Length, name);
    }

    public async Task<T> ReadJsonAsync<T>(string name, CancellationToken ct = default)
    {
        await using var stream = Open(name);
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(stream, Archive.Json, ct) ?? throw new ArchiveException($"{name} is empty.");
        }
        catch (JsonException e)
        {
            throw new ArchiveException($"{name} is not valid: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw new ArchiveException($"{name} cannot be read: {e.Message}");
        }
    }

    /// <summary>JSON Lines, one record at a time; blank lines are skipped, a line past 8 MB is refused.</summary>
    public async IAsyncEnumerable<T> ReadLinesAsync<T>(string name, [EnumeratorCancellation] CancellationToken ct = default) where T : class
    {
        await using var stream = Open(name);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 65536);
        var line = new StringBuilder();
        var number = 0;
        var buffer = new char[8192];
        var pending = 0;
        var start = 0;
        while (true)
        {
            if (start >= pending)
            {
                try { pending = await reader.ReadAsync(buffer, ct); }
                catch (InvalidDataException e) { throw new ArchiveException($"{name} cannot be read: {e.Message}"); }
                start = 0;
                if (pending == 0) break;
            }
            var newline = Array.IndexOf(buffer, '\n', start, pending - start);
            var end = newline < 0 ? pending : newline;
            line.Append(buffer, start, end - start);
            if (line.Length > MaxLine) throw new ArchiveException($"{name}: line {number + 1} is longer than {MaxLine} characters.");
            start = end + 1;
            if (newline < 0) { start = pending; continue; }
            number++;
            if (Parse<T>(name, number, line) is { } item) yield return item;
            line.Clear();
        }
        if (line.Length > 0 && Parse<T>(name, number + 1, line) is { } last) yield return last;
    }

    private static T? Parse<T>(string name, int number, StringBuilder line) where T : class
    {
        var text = line.ToString().Trim();
        if (text.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(text, Archive.Json) ?? throw new ArchiveException($"{name}: line {number} is null.");
        }
        catch (JsonException e)
        {
            throw new ArchiveException($"{name}: line {number} is not valid: {e.Message}");
        }
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>Reads at most the declared length; one byte more means the header lied, and the archive is refused.</summary>
    private sealed class Bounded(Stream inner, long declared, string name) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Count(await inner.ReadAsync(buffer, ct));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        private int Count(int n)
        {
            _read += n;
            if (_read > declared) throw new ArchiveException($"The entry '{name}' unpacks to more than its header declares.");
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => declared;
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
