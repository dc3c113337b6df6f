namespace Parley.Ai.Media.Documents;

public enum DocumentProblem
{
    Unsupported,
    Corrupt,
    Encrypted,

    /// <summary>Over a <see cref="DocumentLimits"/> limit, or it took too long or too much memory to read: refused, not read.</summary>
    TooComplex,
}
