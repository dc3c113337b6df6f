using System.Text.Json;

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
