namespace Parley.Bots.Engine.Stages;

/// <summary>
/// While an operator has the conversation (state <c>human</c>, see <c>ConversationTakeover</c>), the bot
/// says nothing and leaves the session as it was; the message is still stored and marked processed.
/// </summary>
public sealed class TakeoverStage : IBotStage
{
    public string Name => "takeover";

    public ValueTask<StageOutcome> RunAsync(BotContext context, CancellationToken ct)
    {
        if (!context.TakenOver)
        {
            return ValueTask.FromResult(StageOutcome.Continue);
        }

        context.Route = "takeover";
        context.SaveSession = false;
        return ValueTask.FromResult(StageOutcome.Stop);
    }
}
