using System.Text;

namespace Parley.Ai.Media.Documents;

/// <summary>Reads any supported document (text, Markdown, HTML, PDF, DOCX) into <see cref="DocumentText"/>.</summary>
public static class DocumentReader
{
    public static Task<DocumentText> ReadAsync(byte[] content, string format, CancellationToken ct) =>
        ReadAsync(content, format, DocumentLimits.Message, ct);

    public static Task<DocumentText> ReadAsync(byte[] content, string format, DocumentLimits limits, CancellationToken ct) =>
        ReadAsync(new MemoryStream(content, writable: false), null, format, limits, ct);

    /// <summary>Reads in this process, within <paramref name="limits"/>; <see cref="SafeDocumentReader"/> adds a process of its own, a time and a memory limit.</summary>
    /// <param name="content">A seekable stream of the file.</param>
    /// <param name="path">The file on disk, when there is one.</param>
    public static async Task<DocumentText> ReadAsync(Stream content, string? path, string format, DocumentLimits limits, CancellationToken ct)
    {
        try
        {
            return format switch
            {
                DocumentFormats.Pdf => await PdfTextReader.ReadAsync(content, path, limits, ct),
                DocumentFormats.Docx => DocxReader.Read(content, limits, ct),
                DocumentFormats.Markdown => MarkdownReader.Read(await DecodeAsync(content, limits.MaxMarkupBytes, ct), limits.MaxChars),
                DocumentFormats.Html => HtmlReader.Read(await DecodeAsync(content, limits.MaxMarkupBytes, ct), limits.MaxChars),
                DocumentFormats.Text => PlainText(await DecodeAsync(content, Math.Min(limits.MaxMarkupBytes, (4L * limits.MaxChars) + 4), ct), limits.MaxChars),
                _ => throw new DocumentReadException(DocumentProblem.Unsupported, $"Parley cannot read '{format}' documents."),
            };
        }
        catch (DocumentReadException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Whatever a malformed file makes a parser throw, the person gets a clear reply, not a crash.
            throw new DocumentReadException(DocumentProblem.Corrupt, "The file could not be read; it may be damaged.", ex);
        }
    }

    /// <summary>The first <paramref name="maxBytes"/> bytes decoded (the rest of a longer file is not read); a character cut in two is dropped.</summary>
    private static async Task<string> DecodeAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        var buffer = new byte[(int)Math.Min(maxBytes, content.CanSeek ? Math.Max(0, content.Length - content.Position) : maxBytes)];
        var read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        var truncated = read == buffer.Length && content.ReadByte() >= 0;
        if (truncated)
        {
            // Back to the start of the last UTF-8 sequence, so a cut does not make the whole text look like Latin-1.
            var end = read;
            while (end > 0 && read - end < 4 && (buffer[end - 1] & 0xC0) == 0x80)
            {
                end--;
            }

            read = end > 0 && buffer[end - 1] >= 0xC0 ? end - 1 : read;
        }

        return Decode(buffer.AsSpan(0, read).ToArray());
    }

    /// <summary>Plain text: paragraphs are separated by blank lines; a short first line is taken as the title.</summary>
    public static DocumentText PlainText(string text, int maxChars = int.MaxValue)
    {
        var sections = new SectionBuilder(maxChars);
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            if (sections.Full)
            {
                break;
            }

            sections.Paragraph(paragraph);
        }

        var built = sections.Build();
        var first = built.FirstOrDefault()?.Paragraphs.FirstOrDefault();
        return new DocumentText(DocumentFormats.Text, built) { Title = first is { Length: <= 80 } && !first.Contains('\n') ? first : null };
    }

    /// <summary>UTF-8 (with or without BOM), UTF-16 with a BOM, else Latin-1 when the bytes are not valid UTF-8.</summary>
    public static string Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }) || content.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            using var reader = new StreamReader(new MemoryStream(content), Encoding.Unicode, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(content);
        }
    }
}
