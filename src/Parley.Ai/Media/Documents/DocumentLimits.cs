namespace Parley.Ai.Media.Documents;

/// <summary>
/// How much of a document Parley will read. Files come from strangers (anyone can send one to a number the assistant
/// serves), and a few hundred kilobytes can inflate to gigabytes: every reader checks these limits before and while
/// it reads, and stops once it has the characters it keeps. Over a limit the document is refused as
/// <see cref="DocumentProblem.TooComplex"/>, with a clear reply to the person.
/// </summary>
public sealed record DocumentLimits
{
    /// <summary>Characters kept; reading stops once it has them (the rest of the document is not read).</summary>
    public int MaxChars { get; init; } = 200_000;

    /// <summary>Decompressed bytes read from a DOCX's parts, or from a PDF's content streams and character maps, in total.</summary>
    public long MaxInflatedBytes { get; init; } = 48L * 1024 * 1024;

    /// <summary>Entries of a DOCX (a zip), counted from its directory before anything is read.</summary>
    public int MaxZipEntries { get; init; } = 2_000;

    /// <summary>Objects of a PDF, counted in the file before it is parsed.</summary>
    public int MaxPdfObjects { get; init; } = 200_000;

    /// <summary>Bytes of a text, Markdown or HTML file that are parsed (the rest is not read).</summary>
    public long MaxMarkupBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>A document a person sent in a conversation: what the assistant quotes or gives the model.</summary>
    public static DocumentLimits Message { get; } = new();

    /// <summary>A document an operator adds to the knowledge base: more text is kept, the same protections apply.</summary>
    public static DocumentLimits Knowledge { get; } = new()
    {
        MaxChars = 4_000_000,
        MaxInflatedBytes = 256L * 1024 * 1024,
        MaxMarkupBytes = 32L * 1024 * 1024,
    };
}
