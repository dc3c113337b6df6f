using System.Text;
using System.Text.Json.Serialization;

namespace Parley.Ai.Media.Documents;

/// <summary>The readable text of a document, in sections under their heading path (empty for text before any heading).</summary>
public sealed record DocumentText(string Format, IReadOnlyList<DocumentSection> Sections)
{
    /// <summary>The document's own title (first top-level heading, HTML title, DOCX title), when it has one.</summary>
    public string? Title { get; init; }

    /// <summary>Pages of a PDF.</summary>
    public int? Pages { get; init; }

    [JsonIgnore]
    public int Chars => Sections.Sum(s => s.Paragraphs.Sum(p => p.Length));

    [JsonIgnore]
    public bool IsEmpty => Chars == 0;

    [JsonIgnore]
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
