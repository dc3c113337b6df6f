namespace Parley.Ai.Knowledge;

/// <summary>A passage found for a question, with the evidence for it.</summary>
public sealed record RetrievedPassage(KbPassage Passage, double Score)
{
    /// <summary>Share of the question's weight found in the passage (lexical), 0–1.</summary>
    public double Coverage { get; init; }

    /// <summary>The BM25 score, 0 when only the embeddings found it.</summary>
    public double Lexical { get; init; }

    /// <summary>Cosine similarity of the embeddings, when embeddings were used.</summary>
    public double? Similarity { get; init; }

    /// <summary>How the passage is named to people and the model: "Title › Heading".</summary>
    public string Citation => Cite(Passage.Title, Passage.Heading);

    /// <summary>"Title › Heading", without repeating a top heading that is the title itself.</summary>
    public static string Cite(string title, string heading)
    {
        if (heading.StartsWith(title + " › ", StringComparison.Ordinal))
        {
            heading = heading[(title.Length + 3)..];
        }

        return heading.Length == 0 || heading == title ? title : $"{title} › {heading}";
    }
}
