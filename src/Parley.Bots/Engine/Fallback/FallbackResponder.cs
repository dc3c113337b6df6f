using Parley.Core.Bots;

namespace Parley.Bots.Engine.Fallback;

/// <summary>
/// The last step of routing: what nothing else understood goes to the <see cref="IBotFallback"/> (the AI module's
/// assistant, when it is part of the build); without one, or when it has nothing to answer from, the engine says
/// "I did not understand, type help" in the contact's language.
/// </summary>
public sealed class FallbackResponder(IEnumerable<IBotFallback> fallbacks)
{
    private readonly IBotFallback? _fallback = fallbacks.LastOrDefault();

    public async Task AnswerAsync(BotContext context, CancellationToken ct)
    {
        if (_fallback is not null && await _fallback.AnswerAsync(context.Request, context.Bot.Name, context.Text, ct) is { } answer)
        {
            context.Replies.AddRange(answer.Result.Replies);
            if (answer.Result.ConversationState is { } state)
            {
                context.ConversationState = state;
            }

            context.Details["assistant"] = answer.Source;
            return;
        }

        context.Reply(context.Phrase(EngineTexts.Fallback));
    }
}
