using System.Text.Json.Serialization;

namespace Parley.Ai.Media.Documents;

public sealed record DocumentSection(IReadOnlyList<string> Headings, IReadOnlyList<string> Paragraphs)
{
    [JsonIgnore]
    public string HeadingPath => string.Join(" › ", Headings);
}
