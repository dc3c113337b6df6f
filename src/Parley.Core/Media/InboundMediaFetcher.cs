using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Core.Accounts;
using Parley.Core.Messaging;
using Parley.Core.Outbound;
using Parley.Core.Storage;

namespace Parley.Core.Media;

/// <summary>
/// Fetches an inbound message's media from the provider into the media store before the bot sees it
/// (Meta's download URLs expire within minutes), checks its size and hash, and records the stored copy on the
/// message. A transient failure throws so the worker retries; a permanent one is recorded on the media.
/// </summary>
public sealed class InboundMediaFetcher(
    IEnumerable<IMediaDownloader> downloaders,
    IMediaStore store,
    Database database,
    ILogger<InboundMediaFetcher> logger)
{
    private readonly Dictionary<string, IMediaDownloader> _downloaders = downloaders.ToDictionary(d => d.Provider, StringComparer.OrdinalIgnoreCase);

    /// <summary>WhatsApp's size limits per media type (bytes).</summary>
    public static long MaxBytes(string type) => type switch
    {
        MessageTypes.Image => 5 * 1024 * 1024,
        MessageTypes.Sticker => 500 * 1024,
        MessageTypes.Audio or MessageTypes.Video => 16 * 1024 * 1024,
        _ => 100 * 1024 * 1024,
    };

    /// <summary>Returns the message with its media stored (or its media error recorded); unchanged when there is nothing to fetch.</summary>
    public async Task<StoredMessage> EnsureStoredAsync(Account account, StoredMessage message, CancellationToken ct)
    {
        var media = message.Content.Media;
        if (media is null || media.StoredId is not null || media.Error is not null || (media.Id is null && media.Url is null)
            || !_downloaders.TryGetValue(account.Provider, out var downloader))
        {
            return message;
        }

        MediaInfo updated;
        try
        {
            await using var download = await downloader.DownloadAsync(account, media, ct);
            var stored = await store.SaveAsync(download.Content, download.MimeType ?? media.MimeType, download.FileName ?? media.FileName, MaxBytes(message.Content.Type), ct);
            if ((download.Sha256 ?? media.Sha256) is { } expected && !HashMatches(expected, stored.Id))
            {
                throw new MediaDownloadException($"The downloaded file's SHA-256 does not match the provider's ({expected}).", transient: true);
            }

            updated = media with { StoredId = stored.Id, Size = stored.Size, MimeType = stored.MimeType ?? media.MimeType, FileName = stored.FileName ?? media.FileName };
        }
        catch (MediaTooLargeException ex)
        {
            updated = media with { Error = $"The {message.Content.Type} is too large: {ex.Message}" };
        }
        catch (MediaDownloadException ex) when (!ex.Transient || message.Attempts >= 3)
        {
            logger.LogWarning("Media of message {MessageId} could not be fetched: {Reason}", message.Id, ex.Message);
            updated = media with { Error = ex.Message };
        }

        var content = message.Content with { Media = updated };
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE messages SET content = @content WHERE id = @Id",
            new { content = JsonSerializer.Serialize(content, ParleyJson.Options), message.Id }, cancellationToken: ct));
        return message with { Content = content };
    }

    /// <summary>Providers give the hash as hex (Meta) or base64 (ACS, Twilio when present).</summary>
    private static bool HashMatches(string expected, string actualHex)
    {
        if (expected.Length == 64)
        {
            return string.Equals(expected, actualHex, StringComparison.OrdinalIgnoreCase);
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(expected), Convert.FromHexString(actualHex));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
