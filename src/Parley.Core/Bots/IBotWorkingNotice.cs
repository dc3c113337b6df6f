using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Core.Bots;

/// <summary>
/// Told when a bot starts working on a message (after the rules let it through), so a channel can show it the way
/// the person's phone does: Meta marks the message read and shows the typing indicator. Called without waiting:
/// the answer is never held up by it, and a failure only costs the indicator.
/// </summary>
public interface IBotWorkingNotice
{
    Task BotStartedAsync(Account account, StoredMessage message, CancellationToken ct);
}
