using System.Text;
using Parley.Bots.Engine;
using Parley.Bots.Engine.Answers;
using Parley.Bots.Engine.Skills;

namespace Parley.Bots.Ministry;

/// <summary><c>agenda</c>: the next events, in one message, straight from the <c>ministry_events</c> data source.</summary>
public sealed class AgendaCommand(AnswerService answers) : CommandSkill
{
    public const string DataSource = "ministry_events";
    private const int Shown = 5;

    public override string Name => "agenda";

    public override IReadOnlyList<string> Words { get; } =
        ["agenda", "calendario", "próximos eventos", "todos los eventos", "eventos próximos", "calendar", "upcoming events", "all events"];

    public override async Task HandleAsync(BotContext context, CancellationToken ct)
    {
        context.DataSource = DataSource;
        var rows = await answers.RowsAsync(context, DataSource, null, ct);
        var spanish = context.Language.StartsWith("es", StringComparison.OrdinalIgnoreCase);
        if (rows.Count == 0)
        {
            context.Reply(spanish
                ? "Por ahora no hay eventos próximos publicados. Vuelve a preguntar pronto. 🙏"
                : "There are no upcoming events published right now. Please ask again soon. 🙏");
            return;
        }

        var text = new StringBuilder(spanish ? "📅 *Próximos eventos*\n" : "📅 *Upcoming events*\n");
        foreach (var row in rows.Take(Shown))
        {
            var date = ValueFormatter.Format(row.GetValueOrDefault("starts_at"), "datetime", context.Language, context.Settings.TimeZone);
            text.Append("\n• *").Append(row.GetValueOrDefault("event_name")).Append("*\n   ").Append(date)
                .Append("\n   📍 ").Append(row.GetValueOrDefault("event_location")).Append('\n');
        }

        var example = rows[0].GetValueOrDefault("event_name");
        text.Append(spanish
            ? $"\nPregúntame por cualquiera, por ejemplo: *info del evento {example}*."
            : $"\nAsk me about any of them, for example: *event {example}*.");
        context.Reply(text.ToString());
    }
}
