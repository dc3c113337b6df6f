namespace Parley.Ai.Media.Documents;

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
