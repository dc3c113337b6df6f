namespace Parley.Ai.Media;

/// <summary>WhatsApp's own limits for what a person can send; larger files get a clear reply instead of being read.</summary>
public static class MediaLimits
{
    public const long Image = 5L * 1024 * 1024;
    public const long Audio = 16L * 1024 * 1024;
    public const long Document = 100L * 1024 * 1024;
    public const long Video = 16L * 1024 * 1024;

    /// <summary>Text kept from a document in the message's transcript (for history); the full text is read again when needed.</summary>
    public const int StoredDocumentText = 50_000;

    public static long For(string type) => type switch
    {
        Core.Messaging.MessageTypes.Image or Core.Messaging.MessageTypes.Sticker => Image,
        Core.Messaging.MessageTypes.Audio => Audio,
        Core.Messaging.MessageTypes.Video => Video,
        _ => Document,
    };
}
