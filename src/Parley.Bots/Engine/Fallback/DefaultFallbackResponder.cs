namespace Parley.Bots.Engine.Fallback;

public sealed class DefaultFallbackResponder : IFallbackResponder
{
    public Task AnswerAsync(BotContext context, CancellationToken ct)
    {
        context.Reply(context.Phrase(EngineTexts.Fallback));
        return Task.CompletedTask;
    }
}
