namespace Parley.Bots.Engine.Fallback;

/// <summary>
/// Answers what nothing else understood: the last step of routing. The default says "I did not
/// understand, type help" in the contact's language; the AI assistant replaces it (register another
/// implementation of this interface).
/// </summary>
public interface IFallbackResponder
{
    Task AnswerAsync(BotContext context, CancellationToken ct);
}
