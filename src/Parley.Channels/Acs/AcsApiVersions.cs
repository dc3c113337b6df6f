namespace Parley.Channels.Acs;

/// <summary>
/// The api-versions Parley uses, per message kind (see docs in <c>AcsChannel</c>): the GA version for text, media and
/// templates; the first stable version with interactive messages for those; the version of the published
/// reaction and sticker examples for those two.
/// </summary>
public static class AcsApiVersions
{
    /// <summary>GA: text, image, document, video, audio, template; media download; template list.</summary>
    public const string Ga = "2024-08-30";

    /// <summary>Stable version that defines <c>InteractiveNotificationContent</c> (reply buttons and lists).</summary>
    public const string Interactive = "2024-11-15";

    /// <summary>The version of the official <c>NotificationMessages_SendReaction</c> / <c>_SendSticker</c> examples.</summary>
    public const string ReactionAndSticker = "2024-11-15";
}
