namespace Parley.Bots.Engine.Skills;

/// <summary>
/// A greeting on its own (<c>hola</c>, <c>buenas tardes</c>, <c>hi</c>) answers with the bot's greeting, once per
/// session: later in the same session it gets a short "hi again" instead of the whole welcome.
/// </summary>
public sealed class GreetingCommand : CommandSkill
{
    public override string Name => "greeting";

    public override IReadOnlyList<string> Words { get; } =
    [
        "hola", "holi", "buenas", "buen dia", "buenos dias", "buenas tardes", "buenas noches", "saludos", "que tal", "hola que tal",
        "hi", "hello", "hey", "good morning", "good afternoon", "good evening", "hi there", "hello there",
    ];

    public override Task HandleAsync(BotContext context, CancellationToken ct)
    {
        context.Reply(context.Session.GreetedAt is null || context.NewSession
            ? context.Bot.Greeting(context)
            : Parley.Core.Messaging.MessageContent.FromText(context.Phrase(EngineTexts.GreetingAgain)));
        context.Greeted = true;
        return Task.CompletedTask;
    }
}
