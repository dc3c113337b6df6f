namespace Parley.Ai.Media.Documents;

/// <summary>What the reading process answers (on its standard output): the text, or why it could not be read.</summary>
public sealed record DocumentWorkerResult
{
    public DocumentText? Document { get; init; }

    public DocumentProblem? Problem { get; init; }

    public string? Message { get; init; }

    /// <summary>The reading process's peak resident memory, in bytes (for the logs and the limits' tests).</summary>
    public long PeakMemoryBytes { get; init; }
}
