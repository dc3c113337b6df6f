using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Core.Messaging;

/// <summary>
/// Parley's normalized message, the same shape for every provider and both directions.
/// Only the parts that the <see cref="Type"/> needs are set; the provider's own payload is kept beside it.
/// </summary>
public sealed record MessageContent
{
    /// <summary>One of <see cref="MessageTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>Body of a text message, caption of media, body of an interactive message.</summary>
    public string? Text { get; init; }

    /// <summary>Asks the provider to render a preview of the first link in <see cref="Text"/>.</summary>
    public bool PreviewUrl { get; init; }

    public MediaInfo? Media { get; init; }
    public LocationInfo? Location { get; init; }
    public IReadOnlyList<ContactCard>? Contacts { get; init; }

    /// <summary>Outbound reply buttons or list.</summary>
    public InteractiveContent? Interactive { get; init; }

    /// <summary>Inbound choice: a reply button, a list row or a template quick-reply button.</summary>
    public InteractiveReply? Reply { get; init; }

    public ReactionInfo? Reaction { get; init; }
    public TemplateContent? Template { get; init; }

    /// <summary>Provider id of the message this one quotes or answers.</summary>
    public string? ContextMessageId { get; init; }

    public bool Forwarded { get; init; }
    public bool FrequentlyForwarded { get; init; }
    public ReferralInfo? Referral { get; init; }

    /// <summary>Parts Parley keeps but does not model: orders, system changes, unknown types.</summary>
    public JsonElement? Extra { get; init; }

    public static MessageContent FromText(string text) => new() { Type = MessageTypes.Text, Text = text };

    /// <summary>A short human-readable rendering, for previews, history and logs at Debug.</summary>
    public string Summary() => Type switch
    {
        MessageTypes.Text => Text ?? "",
        MessageTypes.Interactive when Reply is not null => Reply.Title ?? Reply.Id,
        MessageTypes.Button => Reply?.Title ?? Text ?? "",
        MessageTypes.Interactive => Text ?? "",
        MessageTypes.Location => Location?.Name ?? $"{Location?.Latitude},{Location?.Longitude}",
        MessageTypes.Reaction => Reaction?.Emoji ?? "",
        MessageTypes.Template => Template?.Name ?? "",
        _ when Media is not null => string.IsNullOrEmpty(Text) ? $"[{Type}] {Media.FileName}".TrimEnd() : Text!,
        _ => Text ?? $"[{Type}]",
    };
}

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

public sealed record MediaInfo
{
    /// <summary>Provider media id (inbound or uploaded), or Parley's stored media id.</summary>
    public string? Id { get; init; }
    public string? Url { get; init; }
    public string? MimeType { get; init; }
    public string? Sha256 { get; init; }
    public string? FileName { get; init; }
    public long? Size { get; init; }
    /// <summary>True for a voice note (push-to-talk audio).</summary>
    public bool Voice { get; init; }
    /// <summary>Id of the copy Parley stored under its data directory, once fetched.</summary>
    public string? StoredId { get; init; }
    /// <summary>Transcript of a voice note or text extracted from a document.</summary>
    public string? Transcript { get; init; }
    /// <summary>Why the file could not be fetched or kept (too large, gone at the provider, hash mismatch).</summary>
    public string? Error { get; init; }
}

public sealed record LocationInfo(double Latitude, double Longitude)
{
    public string? Name { get; init; }
    public string? Address { get; init; }
    public string? Url { get; init; }
}

public sealed record ContactCard
{
    public string? FormattedName { get; init; }
    public IReadOnlyList<ContactPhone>? Phones { get; init; }
    public IReadOnlyList<string>? Emails { get; init; }
    public string? Organization { get; init; }
}

public sealed record ContactPhone(string Phone)
{
    public string? Type { get; init; }
    public string? WaId { get; init; }
}

public sealed record InteractiveContent
{
    /// <summary><c>button</c> (reply buttons) or <c>list</c>.</summary>
    public required string Kind { get; init; }
    public string? Header { get; init; }
    public string? Footer { get; init; }
    public IReadOnlyList<ReplyButton>? Buttons { get; init; }
    /// <summary>Label of the button that opens a list.</summary>
    public string? ListButton { get; init; }
    public IReadOnlyList<ListSection>? Sections { get; init; }

    public const string ButtonKind = "button";
    public const string ListKind = "list";
}

public sealed record ReplyButton(string Id, string Title);

public sealed record ListSection(string? Title, IReadOnlyList<ListRow> Rows);

public sealed record ListRow(string Id, string Title)
{
    public string? Description { get; init; }
}

public sealed record InteractiveReply(string Id, string? Title)
{
    public string? Description { get; init; }
    /// <summary><c>button_reply</c>, <c>list_reply</c> or <c>quick_reply</c> (a template button).</summary>
    public string? Kind { get; init; }
}

public sealed record ReactionInfo(string MessageId, string? Emoji);

public sealed record TemplateContent(string Name, string Language)
{
    /// <summary>Body parameters, in order.</summary>
    public IReadOnlyList<string>? BodyParameters { get; init; }
    public IReadOnlyList<string>? HeaderParameters { get; init; }
    public MediaInfo? HeaderMedia { get; init; }
    public IReadOnlyList<TemplateButtonParameter>? Buttons { get; init; }
    /// <summary>Provider-side template id where the provider needs one (Twilio ContentSid).</summary>
    public string? ProviderTemplateId { get; init; }
    /// <summary>The text as rendered locally, shown in history and in the sandbox.</summary>
    public string? RenderedText { get; init; }
}

public sealed record TemplateButtonParameter(int Index, string SubType, string Value);

public sealed record ReferralInfo
{
    public string? SourceUrl { get; init; }
    public string? SourceId { get; init; }
    public string? SourceType { get; init; }
    public string? Headline { get; init; }
    public string? Body { get; init; }
    public string? CtwaClid { get; init; }
}

/// <summary>JSON settings used wherever Parley stores or serves its own objects.</summary>
public static class ParleyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
