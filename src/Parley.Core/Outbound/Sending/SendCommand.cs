using Parley.Core.Messaging;

namespace Parley.Core.Outbound.Sending;

/// <summary>A message a person or a system asks Parley to send (API, CLI, admin UI).</summary>
/// <param name="To">The recipient's phone number in international form (<c>+15550001111</c>).</param>
public sealed record SendCommand(string AccountId, string To, MessageContent Content)
{
    /// <summary>The same key twice queues one message (per account and source).</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Parley's id of a message this one answers (quoted in WhatsApp).</summary>
    public long? ReplyToMessageId { get; init; }

    /// <summary>Values for named template placeholders (<c>{{first_name}}</c>); positional ones go in the template's body parameters.</summary>
    public IReadOnlyDictionary<string, string>? NamedTemplateParameters { get; init; }

    /// <summary>Who asked: <c>api</c>, <c>cli</c>, <c>admin</c>. Stored as the message's source.</summary>
    public string Source { get; init; } = "api";
}
