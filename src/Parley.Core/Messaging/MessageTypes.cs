namespace Parley.Core.Messaging;

/// <summary>The message types Parley knows. Anything else is stored as <see cref="Unknown"/> with its raw payload.</summary>
public static class MessageTypes
{
    public const string Text = "text";
    public const string Image = "image";
    public const string Audio = "audio";
    public const string Video = "video";
    public const string Document = "document";
    public const string Sticker = "sticker";
    public const string Location = "location";
    public const string Contacts = "contacts";
    public const string Interactive = "interactive";
    public const string Button = "button";
    public const string Reaction = "reaction";
    public const string Template = "template";
    public const string Order = "order";
    public const string System = "system";
    public const string Unknown = "unknown";

    public static bool IsMedia(string type) => type is Image or Audio or Video or Document or Sticker;
}
