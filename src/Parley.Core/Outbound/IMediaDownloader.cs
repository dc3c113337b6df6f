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
