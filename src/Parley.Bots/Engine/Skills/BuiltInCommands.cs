using Parley.Bots.Engine.Sessions;
using Parley.Core.Messaging;

namespace Parley.Bots.Engine.Skills;

/// <summary><c>help</c> / <c>ayuda</c>: what the bot can do, from its menu.</summary>
public sealed class HelpCommand : CommandSkill
{
    public override string Name => "help";

    public override IReadOnlyList<string> Words { get; } = ["help", "ayuda", "?", "¿?", "info", "commands", "comandos"];

    public override Task HandleAsync(BotContext context, CancellationToken ct)
    {
        var items = context.Bot.Menu(context.Language);
        var topics = string.Join("\n", items.Select(i => i.Description is null ? $"• *{i.Title}*" : $"• *{i.Title}*: {i.Description}"));
        context.Reply(context.Phrase(EngineTexts.Help, new Dictionary<string, string?> { ["topics"] = topics }));
        return Task.CompletedTask;
    }

    public override bool CanHandle(BotContext context) =>
        base.CanHandle(context) || context.Text.Trim() is "?" or "¿?";
}

/// <summary><c>menu</c> / <c>menú</c>: the bot's menu as an interactive list (its rows are intents or commands).</summary>
public sealed class MenuCommand : CommandSkill
{
    public override string Name => "menu";

    public override IReadOnlyList<string> Words { get; } = ["menu", "menú", "opciones", "options", "inicio"];

    public override Task HandleAsync(BotContext context, CancellationToken ct)
    {
        var items = context.Bot.Menu(context.Language);
        if (items.Count == 0)
        {
            return new HelpCommand().HandleAsync(context, ct);
        }

        context.Reply(new MessageContent
        {
            Type = MessageTypes.Interactive,
            Text = context.Phrase(EngineTexts.MenuPrompt),
            Interactive = new InteractiveContent
            {
                Kind = InteractiveContent.ListKind,
                ListButton = context.Phrase(EngineTexts.MenuButton),
                // WhatsApp allows 10 rows, titles of 24 and descriptions of 72 characters.
                Sections = [new ListSection(null, items.Take(10).Select(i => new ListRow(i.Id, Cut(i.Title, 24)) { Description = i.Description is null ? null : Cut(i.Description, 72) }).ToList())],
            },
        });
        return Task.CompletedTask;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

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
