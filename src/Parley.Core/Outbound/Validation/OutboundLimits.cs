namespace Parley.Core.Outbound.Validation;

/// <summary>
/// WhatsApp's limits on what a business may send, as Meta documents them (shared/wire/meta-cloud-api.md and the
/// Cloud API message reference). The same limits apply through Twilio and ACS, which relay to the same network;
/// a provider with a tighter text limit passes its own to <see cref="OutboundValidator.Validate"/>.
/// Lengths count UTF-16 characters, as .NET strings do.
/// </summary>
public static class OutboundLimits
{
    /// <summary>Body of a text message.</summary>
    public const int TextMaxLength = 4096;

    /// <summary>Caption of an image, video or document.</summary>
    public const int CaptionMaxLength = 1024;

    /// <summary>Body of an interactive (reply buttons or list) message.</summary>
    public const int InteractiveBodyMaxLength = 1024;

    /// <summary>Text header of an interactive message.</summary>
    public const int InteractiveHeaderMaxLength = 60;

    /// <summary>Footer of an interactive message.</summary>
    public const int InteractiveFooterMaxLength = 60;

    public const int ReplyButtonsMin = 1;
    public const int ReplyButtonsMax = 3;
    public const int ReplyButtonTitleMaxLength = 20;
    public const int ReplyButtonIdMaxLength = 256;

    /// <summary>Label of the button that opens a list.</summary>
    public const int ListButtonMaxLength = 20;
    public const int ListSectionsMax = 10;

    /// <summary>Rows across all sections of a list.</summary>
    public const int ListRowsMax = 10;
    public const int ListRowTitleMaxLength = 24;
    public const int ListRowDescriptionMaxLength = 72;
    public const int ListRowIdMaxLength = 200;
    public const int ListSectionTitleMaxLength = 24;

    /// <summary>Template names: lowercase letters, digits and underscores.</summary>
    public const int TemplateNameMaxLength = 512;

    /// <summary>A text parameter of a template's header (the header itself is at most 60 characters).</summary>
    public const int TemplateHeaderParameterMaxLength = 60;

    /// <summary>Templates allow one variable in a text header.</summary>
    public const int TemplateHeaderParametersMax = 1;

    /// <summary>A template's body is at most 1,024 characters, so no one parameter can be longer.</summary>
    public const int TemplateBodyParameterMaxLength = 1024;

    /// <summary>Templates have at most 10 buttons (indexes 0–9).</summary>
    public const int TemplateButtonsMax = 10;

    public const double LatitudeMin = -90;
    public const double LatitudeMax = 90;
    public const double LongitudeMin = -180;
    public const double LongitudeMax = 180;

    /// <summary>Longest document file name Parley sends (the common file-system limit; WhatsApp shows it as the title).</summary>
    public const int DocumentFileNameMaxLength = 240;

    /// <summary>Largest media per type WhatsApp accepts (Meta media reference).</summary>
    public const long ImageMaxBytes = 5L * 1024 * 1024;
    public const long VideoMaxBytes = 16L * 1024 * 1024;
    public const long AudioMaxBytes = 16L * 1024 * 1024;
    public const long DocumentMaxBytes = 100L * 1024 * 1024;

    /// <summary>Animated stickers; static ones are limited to 100 KB, which Parley cannot tell apart before sending.</summary>
    public const long StickerMaxBytes = 500L * 1024;

    /// <summary>MIME types WhatsApp accepts per media type; documents may be any type.</summary>
    public static readonly IReadOnlyList<string> ImageMimeTypes = ["image/jpeg", "image/png"];
    public static readonly IReadOnlyList<string> VideoMimeTypes = ["video/mp4", "video/3gpp"];
    public static readonly IReadOnlyList<string> AudioMimeTypes = ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"];
    public static readonly IReadOnlyList<string> StickerMimeTypes = ["image/webp"];
}
