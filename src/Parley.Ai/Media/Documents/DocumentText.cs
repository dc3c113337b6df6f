using System.Text;

namespace Parley.Ai.Media.Documents;

/// <summary>The readable text of a document, in sections under their heading path (empty for text before any heading).</summary>
public sealed record DocumentText(string Format, IReadOnlyList<DocumentSection> Sections)
{
    /// <summary>The document's own title (first top-level heading, HTML title, DOCX title), when it has one.</summary>
    public string? Title { get; init; }

    /// <summary>Pages of a PDF.</summary>
    public int? Pages { get; init; }

    public int Chars => Sections.Sum(s => s.Paragraphs.Sum(p => p.Length));

    public bool IsEmpty => Chars == 0;

    public int Words => Sections.Sum(s => s.Paragraphs.Sum(p => p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length));

    /// <summary>All text with headings on their own lines, cut at <paramref name="maxChars"/>.</summary>
    public string PlainText(int maxChars = int.MaxValue)
    {
        var builder = new StringBuilder();
        IReadOnlyList<string> last = [];
        foreach (var section in Sections)
        {
            if (!section.Headings.SequenceEqual(last) && section.Headings.Count > 0)
            {
                builder.Append(section.Headings[^1]).Append("\n\n");
                last = section.Headings;
            }

            foreach (var paragraph in section.Paragraphs)
            {
                builder.Append(paragraph).Append("\n\n");
                if (builder.Length >= maxChars)
                {
                    return builder.ToString(0, maxChars).TrimEnd() + "…";
                }
            }
        }

        return builder.ToString().TrimEnd();
    }
}

public sealed record DocumentSection(IReadOnlyList<string> Headings, IReadOnlyList<string> Paragraphs)
{
    public string HeadingPath => string.Join(" › ", Headings);
}

/// <summary>Collects paragraphs under the current heading path while a reader walks a document.</summary>
internal sealed class SectionBuilder
{
    private readonly List<DocumentSection> _sections = [];
    private readonly List<(int Level, string Text)> _headings = [];
    private List<string> _paragraphs = [];

    public string? FirstHeading { get; private set; }

    public void Heading(int level, string text)
    {
        text = Clean(text);
        if (text.Length == 0)
        {
            return;
        }

        Flush();
        FirstHeading ??= text;
        _headings.RemoveAll(h => h.Level >= level);
        _headings.Add((level, text));
    }

    public void Paragraph(string text)
    {
        text = Clean(text);
        if (text.Length > 0)
        {
            _paragraphs.Add(text);
        }
    }

    public IReadOnlyList<DocumentSection> Build()
    {
        Flush();
        return _sections;
    }

    private void Flush()
    {
        if (_paragraphs.Count > 0)
        {
            _sections.Add(new DocumentSection(_headings.Select(h => h.Text).ToList(), _paragraphs));
            _paragraphs = [];
        }
    }

    /// <summary>Collapses runs of spaces inside lines and blank lines; keeps single line breaks (lists, addresses).</summary>
    internal static string Clean(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')
            .Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }
}

/// <summary>A document could not be read; <see cref="Kind"/> says why, for a clear reply.</summary>
public sealed class DocumentReadException(DocumentProblem kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public DocumentProblem Kind { get; } = kind;
}

public enum DocumentProblem
{
    Unsupported,
    Corrupt,
    Encrypted,
}
