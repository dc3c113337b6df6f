using Parley.Core.Messaging;

namespace Parley.Core.Observability;

/// <summary>
/// Logging scopes that tie a message's log lines together. The correlation id is the id of the inbound message that
/// started the exchange: processing it and sending each of its replies log under the same id, on any instance.
/// </summary>
public static class LogScopes
{
    public static MessageScope ForMessage(StoredMessage message) =>
        new(message.InReplyTo ?? message.Id, message.Id, message.ConversationId);
}
