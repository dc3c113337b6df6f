using Parley.Core.Media;
using Parley.Core.Messaging;

namespace Parley.Channels.Media;

/// <summary>
/// Opens a stored file the way a message describes it. Files are stored once per content (the id is their SHA-256),
/// so the same bytes sent twice — as "invoice.pdf" by one contact and "notes.txt" by another — share one file, while
/// the type and name each sender gave are kept in each message. Served for a message, a file carries that message's
/// type and name, never those of whoever happened to send the bytes first. Without a message (an upload not sent yet)
/// the file is described as the store first recorded it.
/// </summary>
public sealed class MessageMediaFiles(IMediaStore store, MessageQueries messages)
{
    /// <summary>
    /// The file <paramref name="id"/>, described by message <paramref name="messageId"/> when given. Null when there is
    /// no such file, no such message, the message does not carry this file, or it belongs to another account than
    /// <paramref name="accountId"/> (when given).
    /// </summary>
    public async Task<StoredMediaResult?> OpenAsync(string id, long? messageId, string? accountId, CancellationToken ct)
    {
        MediaInfo? described = null;
        if (messageId is { } mid)
        {
            var message = await messages.FindAsync(mid, ct);
            if (message is null || (accountId is not null && message.AccountId != accountId) || Carried(message.Content, id) is not { } info)
            {
                return null;
            }

            described = info;
        }

        if (await store.OpenAsync(id, ct) is not { } found)
        {
            return null;
        }

        var media = described is null ? found.Media : found.Media with
        {
            MimeType = described.MimeType ?? found.Media.MimeType,
            FileName = described.FileName ?? found.Media.FileName,
        };
        return new StoredMediaResult(media, found.Content);
    }

    /// <summary>The message's media (or template header) that is stored as <paramref name="id"/>.</summary>
    private static MediaInfo? Carried(MessageContent content, string id) =>
        new[] { content.Media, content.Template?.HeaderMedia }
            .FirstOrDefault(m => m?.StoredId is { } stored && string.Equals(stored, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The query that names the message a media link is for: <c>?message=42</c>.</summary>
    public static string ForMessage(long messageId) => "?message=" + messageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
