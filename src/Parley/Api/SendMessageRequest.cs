namespace Parley.Api;

/// <summary>What to send. Set <c>type</c> and the part it needs: <c>text</c>, <c>media</c>, <c>template</c>, <c>interactive</c>, <c>location</c> or <c>reaction</c>.</summary>
public sealed record SendMessageRequest
{
    /// <summary>The account (business number) to send from.</summary>
    public string? Account { get; init; }
    /// <summary>The recipient's phone number in international form, like +15550001111; without the country code when the account has a <c>DefaultCountryCode</c>.</summary>
    public string? To { get; init; }
    /// <summary>text, image, audio, video, document, sticker, template, interactive, location, reaction or contacts. Inferred when only one part is given.</summary>
    public string? Type { get; init; }
    /// <summary>The text; the caption of media; the body of an interactive message.</summary>
    public string? Text { get; init; }
    public bool? PreviewUrl { get; init; }
    public SendMedia? Media { get; init; }
    public SendTemplate? Template { get; init; }
    public SendInteractive? Interactive { get; init; }
    public SendLocation? Location { get; init; }

    /// <summary>Contact cards to share (type <c>contacts</c>): each with <c>formattedName</c> and <c>phones</c> (<c>phone</c>, <c>type</c>, <c>waId</c>), optional <c>emails</c> and <c>organization</c>.</summary>
    public IReadOnlyList<Parley.Core.Messaging.ContactCard>? Contacts { get; init; }
    public SendReaction? Reaction { get; init; }
    /// <summary>Parley's id of the message this one answers (shown quoted).</summary>
    public string? ReplyTo { get; init; }
    /// <summary>Sending twice with the same key queues one message.</summary>
    public string? IdempotencyKey { get; init; }
}
