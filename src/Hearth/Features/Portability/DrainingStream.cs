namespace Hearth.Features.Portability;

/// <summary>
/// Takes synchronous writes into memory and hands them on asynchronously when drained: the bridge between
/// ZipArchive, which only writes synchronously, and a response body, which only takes asynchronous writes. The
/// writer drains after every piece it writes, so the buffer holds one piece (a 64 KB batch of lines, an 80 KB chunk
/// of a file, the central directory), never the archive.
/// </summary>
public sealed class DrainingStream(Stream output) : Stream
{
    private readonly MemoryStream _buffer = new();
    private long _position;

    public async Task DrainAsync(CancellationToken ct)
    {
        if (_buffer.Length == 0) return;
        await output.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), ct);
        _buffer.SetLength(0);
        // A burst (a large directory) should not keep its memory for the rest of the archive.
        if (_buffer.Capacity > 4 * 1024 * 1024) _buffer.Capacity = 256 * 1024;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _buffer.Write(buffer);
        _position += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() { }

    public override Task FlushAsync(CancellationToken ct) => DrainAsync(ct);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _buffer.Dispose();
        base.Dispose(disposing);
    }
}
