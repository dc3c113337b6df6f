namespace Parley.Ai.Media.Documents;

/// <summary>
/// Collects paragraphs under the current heading path while a reader walks a document, up to
/// <paramref name="maxChars"/> characters of paragraph text: past that the text is cut and <see cref="Full"/> tells
/// the reader to stop reading.
/// </summary>
internal sealed class SectionBuilder(int maxChars = int.MaxValue)
{
    private readonly List<DocumentSection> _sections = [];
    private readonly List<(int Level, string Text)> _headings = [];
    private List<string> _paragraphs = [];

    public string? FirstHeading { get; private set; }

    /// <summary>Characters of paragraph text kept so far.</summary>
    public int Chars { get; private set; }

    /// <summary>The characters it keeps are there: reading further would be wasted.</summary>
    public bool Full => Chars >= maxChars;

    /// <summary>How many more characters are kept.</summary>
    public int Room => Math.Max(0, maxChars - Chars);

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
        if (text.Length == 0 || Full)
        {
            return;
        }

        if (text.Length > Room)
        {
            text = text[..Room];
        }

        _paragraphs.Add(text);
        Chars += text.Length;
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
