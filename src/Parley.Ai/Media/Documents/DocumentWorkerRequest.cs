namespace Parley.Ai.Media.Documents;

/// <summary>What the reading process is asked (on its standard input): a file on disk, its format, and the limits.</summary>
public sealed record DocumentWorkerRequest(string Path, string Format, DocumentLimits Limits);
