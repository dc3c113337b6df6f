using Parley.Bots.Engine.Sessions;

namespace Parley.Bots.Engine.Skills;

/// <summary><c>reset</c> / <c>reiniciar</c>: ends the flow and the session; the next message starts afresh.</summary>
public sealed class ResetCommand : CommandSkill
{
    public override string Name => "reset";

    public override IReadOnlyList<string> Words { get; } = ["reset", "reiniciar", "restart", "empezar de nuevo", "start over"];

    public override Task HandleAsync(BotContext context, CancellationToken ct)
    {
        context.Session = BotSession.Start(context.Bot.Name, context.Now, context.Session);
        context.Session.Language = context.Language;
        context.SaveSession = true;
        context.Greeted = true;
        context.Reply(context.Phrase(EngineTexts.Reset));
        return Task.CompletedTask;
    }
}
