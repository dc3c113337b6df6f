namespace Parley.Core.Media;

/// <summary>Where media files live; the file system under the data directory by default.</summary>
public interface IMediaStore
{
    /// <summary>Stores the content, deduplicated by its SHA-256 (which becomes its id).</summary>
    Task<StoredMedia> SaveAsync(Stream content, string? mimeType, string? fileName, long maxBytes, CancellationToken ct);

    Task<(StoredMedia Media, Stream Content)?> OpenAsync(string id, CancellationToken ct);

    /// <summary>Deletes the file and its record (retention of orphaned media); false when the store cannot or it was not there.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken ct) => Task.FromResult(false);
}
