using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Core.Bots;

public sealed record BotRequest(Account Account, ContactInfo Contact, ConversationInfo Conversation, StoredMessage Message)
{
    /// <summary>The conversation's most recent messages before this one, oldest first.</summary>
    public IReadOnlyList<StoredMessage> History { get; init; } = [];

    /// <summary>
    /// A trial run (the API's dry run): the bot answers as it would, but records nothing — no interaction log, no
    /// rate-limit count — and nothing it returns is stored or sent.
    /// </summary>
    public bool DryRun { get; init; }
}
