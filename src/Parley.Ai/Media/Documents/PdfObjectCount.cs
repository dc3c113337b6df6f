using System.Globalization;

namespace Parley.Ai.Media.Documents;

/// <summary>
/// Counts a PDF's objects in its bytes before any parser sees it: every <c>N G obj</c> keyword, plus the <c>/N</c>
/// count of each object stream (objects packed inside a compressed stream). A streaming scan, a few megabytes at a
/// time, so a file of a million tiny objects is refused in a fraction of a second instead of parsed.
/// </summary>
internal static class PdfObjectCount
{
    private const int Chunk = 4 * 1024 * 1024;
    private const int Margin = 512;

    public static long Estimate(Stream pdf, CancellationToken ct)
    {
        pdf.Position = 0;
        var buffer = new byte[Chunk + (2 * Margin)];
        var carry = 0;
        var first = true;
        long count = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var read = pdf.ReadAtLeast(buffer.AsSpan(carry, Chunk), Chunk, throwOnEndOfStream: false);
            var length = carry + read;
            var last = read < Chunk;

            // Each match is counted in the one buffer where it starts inside [from, to): the margins give every match
            // the bytes around it, and the halves of the overlap meet without counting anything twice.
            var from = first ? 0 : Margin;
            var to = last ? length : length - Margin;
            count += Count(buffer.AsSpan(0, length), from, to);
            if (last)
            {
                return count;
            }

            buffer.AsSpan(length - (2 * Margin), 2 * Margin).CopyTo(buffer);
            carry = 2 * Margin;
            first = false;
        }
    }

    private static long Count(ReadOnlySpan<byte> data, int from, int to)
    {
        long count = 0;
        var at = from;
        while (at < to)
        {
            var i = data[at..].IndexOf("obj"u8);
            if (i < 0 || at + i >= to)
            {
                break;
            }

            var p = at + i;
            var after = p + 3 < data.Length ? data[p + 3] : (byte)' ';
            if (p > 0 && IsWhite(data[p - 1]) && !IsRegular(after))
            {
                count++;
            }

            at = p + 3;
        }

        at = from;
        while (at < to)
        {
            var i = data[at..].IndexOf("/ObjStm"u8);
            if (i < 0 || at + i >= to)
            {
                break;
            }

            var p = at + i;
            var start = Math.Max(0, p - 400);
            count += PackedObjects(data[start..Math.Min(data.Length, p + 400)]);
            at = p + 7;
        }

        return count;
    }

    /// <summary>The <c>/N 1234</c> of an object stream's dictionary, found near its <c>/ObjStm</c>.</summary>
    private static long PackedObjects(ReadOnlySpan<byte> window)
    {
        var at = 0;
        while (at < window.Length)
        {
            var i = window[at..].IndexOf("/N"u8);
            if (i < 0)
            {
                return 0;
            }

            var p = at + i + 2;
            if (p < window.Length && IsWhite(window[p]))
            {
                while (p < window.Length && IsWhite(window[p]))
                {
                    p++;
                }

                var digits = 0;
                while (p + digits < window.Length && digits < 10 && window[p + digits] is >= (byte)'0' and <= (byte)'9')
                {
                    digits++;
                }

                if (digits > 0 && long.TryParse(window.Slice(p, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }
            }

            at = p;
        }

        return 0;
    }

    private static bool IsWhite(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsRegular(byte b) => !IsWhite(b) && b is not ((byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');
}
