using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Core.Bots;

public sealed record BotRequest(Account Account, ContactInfo Contact, ConversationInfo Conversation, StoredMessage Message)
{
    /// <summary>The conversation's most recent messages before this one, oldest first.</summary>
    public IReadOnlyList<StoredMessage> History { get; init; } = [];
}
