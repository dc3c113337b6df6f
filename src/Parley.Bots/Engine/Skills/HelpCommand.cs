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
