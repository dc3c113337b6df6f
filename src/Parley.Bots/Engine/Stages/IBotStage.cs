namespace Parley.Bots.Engine.Stages;

/// <summary>
/// One step of a message's path through the engine (session, takeover, routing), after Core's rules
/// (<c>Parley.Core.Bots.Rules.BotRules</c>) let it through. Stages run in their registration order until one stops the message.
/// </summary>
public interface IBotStage
{
    /// <summary>Short name, shown in logs.</summary>
    string Name { get; }

    ValueTask<StageOutcome> RunAsync(BotContext context, CancellationToken ct);
}
