namespace Parley.Ai.Media.Documents;

/// <summary>A document could not be read; <see cref="Kind"/> says why, for a clear reply.</summary>
public sealed class DocumentReadException(DocumentProblem kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public DocumentProblem Kind { get; } = kind;
}
