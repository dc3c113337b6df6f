using System.IO.Compression;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Filters;

namespace Parley.Ai.Media.Documents;

/// <summary>
/// Opens a PDF stream (a page's content, a font's ToUnicode map) through its filters without trusting its size:
/// FlateDecode is inflated as a stream through a <see cref="CappedReadStream"/> against the document's
/// <see cref="ReadBudget"/>, so a few kilobytes that inflate to gigabytes stop at the budget. PDFsharp's own
/// <c>UnfilteredValue</c> inflates everything into memory first, so it is not used for these.
/// </summary>
internal static class PdfStreams
{
    /// <summary>LZW can expand a few thousand times, and PDFsharp decodes it in memory: only small LZW streams are read.</summary>
    private const int MaxLzwInput = 16 * 1024;

    /// <summary>The decoded stream, or null when it has no data or a filter Parley does not decode for text.</summary>
    public static Stream? Open(PdfDictionary dictionary, ReadBudget budget, long limit)
    {
        var raw = dictionary.Stream?.Value;
        if (raw is null || raw.Length == 0)
        {
            return null;
        }

        var filters = dictionary.Elements["/Filter"] switch
        {
            PdfName name => [name.Value],
            PdfArray array => array.Elements.OfType<PdfName>().Select(n => n.Value).ToArray(),
            _ => Array.Empty<string>(),
        };

        Stream data = new MemoryStream(raw, writable: false);
        foreach (var filter in filters)
        {
            switch (filter)
            {
                case "/FlateDecode" or "/Fl":
                    data = Inflate(data);
                    break;
                case "/ASCIIHexDecode" or "/AHx" or "/ASCII85Decode" or "/A85":
                    // These only shrink their input: decoding in memory is bounded by the file itself.
                    data = new MemoryStream(Filtering.Decode(ReadAll(data, raw.Length + 16L, budget), filter) ?? [], writable: false);
                    break;
                case "/LZWDecode" or "/LZW" when raw.Length <= MaxLzwInput:
                    var decoded = Filtering.Decode(ReadAll(data, MaxLzwInput + 16L, budget), filter) ?? [];
                    budget.Take(decoded.Length);
                    data = new MemoryStream(decoded, writable: false);
                    break;
                default:
                    return null;
            }
        }

        return new CappedReadStream(data, limit, budget, "A PDF stream");
    }

    /// <summary>The whole decoded stream, up to <paramref name="limit"/> bytes (small streams: character maps).</summary>
    public static byte[]? ReadAll(PdfDictionary dictionary, ReadBudget budget, long limit)
    {
        using var stream = Open(dictionary, budget, limit);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        try
        {
            stream.CopyTo(buffer);
        }
        catch (InvalidDataException)
        {
            // A damaged tail: what was inflated before it is still the producer's text.
        }

        return buffer.ToArray();
    }

    /// <summary>Zlib as the standard says, or raw deflate, which some producers write without the zlib header.</summary>
    private static Stream Inflate(Stream data)
    {
        if (!data.CanSeek)
        {
            return new ZLibStream(data, CompressionMode.Decompress);
        }

        var first = data.ReadByte();
        data.Position = 0;
        return (first & 0x0F) == 8 ? new ZLibStream(data, CompressionMode.Decompress) : new DeflateStream(data, CompressionMode.Decompress);
    }

    private static byte[] ReadAll(Stream data, long limit, ReadBudget budget)
    {
        using var capped = new CappedReadStream(data, limit, budget, "A PDF stream");
        using var buffer = new MemoryStream();
        capped.CopyTo(buffer);
        return buffer.ToArray();
    }
}
