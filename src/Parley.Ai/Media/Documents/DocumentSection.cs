namespace Parley.Ai.Media.Documents;

public sealed record DocumentSection(IReadOnlyList<string> Headings, IReadOnlyList<string> Paragraphs)
{
    public string HeadingPath => string.Join(" › ", Headings);
}
