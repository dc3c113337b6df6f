using Parley.Bots.Engine.Text;

namespace Parley.Bots.Engine.Stages;

/// <summary>
/// Cleans the text before any skill, template, log or query sees it: Unicode normalized, control and
/// invisible characters removed, length capped (<c>MaxTextLength</c>). Queries still bind it as a
/// parameter and templates still escape it: this is the first line, not the only one.
/// </summary>
public sealed class SanitizeStage : IBotStage
{
    public string Name => "sanitize";

    public ValueTask<StageOutcome> RunAsync(BotContext context, CancellationToken ct)
    {
        context.Text = TextNormalizer.Sanitize(context.Text, context.Settings.MaxTextLength);
        return ValueTask.FromResult(StageOutcome.Continue);
    }
}
