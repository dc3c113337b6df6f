namespace Parley.Core.Bots;

/// <summary>
/// What a bot says when it understood nothing: the AI module implements it, grounded in the documents of the account
/// and bot. Without an implementation, or when it has nothing to ground an answer in (null), the bot keeps its own
/// "I did not understand".
/// </summary>
public interface IBotFallback
{
    /// <param name="request">The message, its conversation and history.</param>
    /// <param name="bot">The bot that did not understand (its documents are used).</param>
    /// <param name="text">What the person said, as the bot read it (cleaned, or a button's title).</param>
    Task<BotFallbackAnswer?> AnswerAsync(BotRequest request, string bot, string text, CancellationToken ct);
}
