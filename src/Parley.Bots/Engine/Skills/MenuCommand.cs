using Parley.Core.Messaging;

namespace Parley.Bots.Engine.Skills;

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
