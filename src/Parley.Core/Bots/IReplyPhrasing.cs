using Parley.Core.Accounts;

namespace Parley.Core.Bots;

/// <summary>
/// Puts a reply that a bot composed from its own data into natural words with the account's model (the AI module
/// implements it). The bot's facts are the only source: the model may join and reorder them, never add to them.
/// Null when there is no model (offline), the call failed, or the text did not keep what it had to keep: the bot then
/// sends its own text, so a bot works the same without a model.
/// </summary>
public interface IReplyPhrasing
{
    Task<string?> PhraseAsync(Account account, ReplyPhrasingRequest request, CancellationToken ct);
}
