namespace Parley.Core.Messaging;

public sealed record InboundMessage(string ProviderMessageId, ContactRef From, MessageContent Content, DateTimeOffset Timestamp)
{
    /// <summary>The provider's JSON (or form fields as JSON) for this one message.</summary>
    public string? Raw { get; init; }
}
