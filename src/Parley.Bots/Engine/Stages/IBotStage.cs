namespace Parley.Bots.Engine.Stages;

/// <summary>
/// One step of a message's path through the engine (access, rate limit, sanitize, session, takeover,
/// routing). Stages run in their registration order until one stops the message.
/// </summary>
public interface IBotStage
{
    /// <summary>Short name, shown in logs.</summary>
    string Name { get; }

    ValueTask<StageOutcome> RunAsync(BotContext context, CancellationToken ct);
}
