namespace Parley.Ai.Media.Documents;

/// <summary>
/// Reads an inner (decompressing) stream while counting what comes out: past <paramref name="limit"/> bytes for this
/// stream (a zip entry's declared size, so a lying header is caught), or past what the shared <see cref="ReadBudget"/>
/// allows, reading throws instead of going on. Nothing is buffered here, so memory stays at the reader's own.
/// </summary>
internal sealed class CappedReadStream(Stream inner, long limit, ReadBudget budget, string what) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Count(n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        Count(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Count(int n)
    {
        // The document's budget first: past it, the reply says how much the document may inflate to.
        budget.Take(n);
        _read += n;
        if (_read > limit)
        {
            throw new DocumentReadException(DocumentProblem.TooComplex,
                $"{what} inflates to more than the {limit:N0} bytes it declares; it was not read further.");
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
