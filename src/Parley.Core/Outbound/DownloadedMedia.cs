namespace Parley.Core.Outbound;

/// <param name="Content">The bytes; the caller disposes it.</param>
/// <param name="Sha256">The provider's hash when it gives one (hex or base64, as sent), to be checked.</param>
public sealed record DownloadedMedia(Stream Content, string? MimeType, string? FileName, string? Sha256) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
