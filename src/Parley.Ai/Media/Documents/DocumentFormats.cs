namespace Parley.Ai.Media.Documents;

/// <summary>The document formats Parley reads, told apart by name, MIME type and the first bytes.</summary>
public static class DocumentFormats
{
    public const string Text = "text";
    public const string Markdown = "markdown";
    public const string Html = "html";
    public const string Pdf = "pdf";
    public const string Docx = "docx";

    public static readonly IReadOnlyList<string> All = [Text, Markdown, Html, Pdf, Docx];

    /// <summary>The format, or null when Parley cannot read this kind of file.</summary>
    public static string? Detect(string? fileName, string? mimeType, ReadOnlySpan<byte> head)
    {
        // Content first: a PDF named .txt is still a PDF.
        if (head.StartsWith("%PDF"u8))
        {
            return Pdf;
        }

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var mime = (mimeType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (extension == ".docx" || mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        {
            return Docx;
        }

        if (extension is ".pdf" || mime == "application/pdf")
        {
            return Pdf;
        }

        if (extension is ".md" or ".markdown" || mime is "text/markdown" or "text/x-markdown")
        {
            return Markdown;
        }

        if (extension is ".html" or ".htm" || mime is "text/html" or "application/xhtml+xml")
        {
            return Html;
        }

        if (extension is ".txt" or ".text" or ".csv" || mime.StartsWith("text/", StringComparison.Ordinal))
        {
            return Text;
        }

        return null;
    }
}
