namespace Parley.Core.Messaging;

public sealed record MediaInfo
{
    /// <summary>Provider media id (inbound or uploaded), or Parley's stored media id.</summary>
    public string? Id { get; init; }
    public string? Url { get; init; }
    public string? MimeType { get; init; }
    public string? Sha256 { get; init; }
    public string? FileName { get; init; }
    public long? Size { get; init; }
    /// <summary>True for a voice note (push-to-talk audio).</summary>
    public bool Voice { get; init; }
    /// <summary>Id of the copy Parley stored under its data directory, once fetched.</summary>
    public string? StoredId { get; init; }
    /// <summary>Transcript of a voice note or text extracted from a document.</summary>
    public string? Transcript { get; init; }
    /// <summary>Why the file could not be fetched or kept (too large, gone at the provider, hash mismatch).</summary>
    public string? Error { get; init; }
}
