using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Core.Bots;

public sealed record BotRequest(Account Account, ContactInfo Contact, ConversationInfo Conversation, StoredMessage Message)
{
    /// <summary>The current session's most recent messages before this one, oldest first.</summary>
    public IReadOnlyList<StoredMessage> History { get; init; } = [];

    /// <summary>
    /// This message starts a session: the conversation's first, or the first after the account's <c>SessionTimeout</c>
    /// (30 minutes by default) without messages. Bots greet and start without context.
    /// </summary>
    public bool NewSession { get; init; }

    /// <summary>When the current session started; null when it started before the history handed over. Bots remember nothing older.</summary>
    public DateTimeOffset? SessionStartedAt { get; init; }

    /// <summary>
    /// A trial run (the API's dry run): the bot answers as it would, but records nothing — no interaction log, no
    /// rate-limit count — and nothing it returns is stored or sent.
    /// </summary>
    public bool DryRun { get; init; }
}
