using System.Text;

namespace Parley.Ai.Media.Documents;

/// <summary>Reads any supported document (text, Markdown, HTML, PDF, DOCX) into <see cref="DocumentText"/>.</summary>
public static class DocumentReader
{
    public static async Task<DocumentText> ReadAsync(byte[] content, string format, CancellationToken ct)
    {
        try
        {
            return format switch
            {
                DocumentFormats.Pdf => await PdfTextReader.ReadAsync(content, ct),
                DocumentFormats.Docx => DocxReader.Read(new MemoryStream(content, writable: false)),
                DocumentFormats.Markdown => MarkdownReader.Read(Decode(content)),
                DocumentFormats.Html => HtmlReader.Read(Decode(content)),
                DocumentFormats.Text => PlainText(Decode(content)),
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

    /// <summary>Plain text: paragraphs are separated by blank lines; a short first line is taken as the title.</summary>
    public static DocumentText PlainText(string text)
    {
        var sections = new SectionBuilder();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
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
