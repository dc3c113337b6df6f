namespace Parley.Bots.Engine.Skills;

/// <summary>A greeting on its own (<c>hola</c>, <c>buenas tardes</c>, <c>hi</c>) answers with the bot's greeting.</summary>
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
        context.Reply(context.Bot.Greeting(context));
        context.Greeted = true;
        return Task.CompletedTask;
    }
}
