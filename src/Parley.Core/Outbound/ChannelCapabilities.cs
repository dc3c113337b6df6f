using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Core.Outbound;

/// <summary>Fetches inbound media from a provider, right after intake (Meta's URLs expire within minutes).</summary>
public interface IMediaDownloader
{
    string Provider { get; }

    /// <summary>Opens the media's bytes. Throws <see cref="MediaDownloadException"/> with a clear reason on failure.</summary>
    Task<DownloadedMedia> DownloadAsync(Account account, MediaInfo media, CancellationToken ct);
}

/// <param name="Content">The bytes; the caller disposes it.</param>
/// <param name="Sha256">The provider's hash when it gives one (hex or base64, as sent), to be checked.</param>
public sealed record DownloadedMedia(Stream Content, string? MimeType, string? FileName, string? Sha256) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

public sealed class MediaDownloadException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Worth retrying (network, 5xx, throttling) rather than giving up on the media.</summary>
    public bool Transient { get; } = transient;
}

/// <summary>Marks an inbound message read, with a typing indicator where the provider supports one.</summary>
public interface IReadReceipts
{
    string Provider { get; }

    Task MarkReadAsync(Account account, string providerMessageId, bool showTyping, CancellationToken ct);
}

/// <summary>Checks that an account's credentials work (<c>accounts test</c>, the admin's connection test).</summary>
public interface IAccountTester
{
    string Provider { get; }

    Task<AccountTestResult> TestAsync(Account account, CancellationToken ct);
}

public sealed record AccountTestResult(bool Ok, string Detail);
