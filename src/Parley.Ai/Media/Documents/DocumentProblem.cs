namespace Parley.Ai.Media.Documents;

public enum DocumentProblem
{
    Unsupported,
    Corrupt,
    Encrypted,
}
