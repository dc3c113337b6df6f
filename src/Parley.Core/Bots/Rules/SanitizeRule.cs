using Parley.Core.Text;

namespace Parley.Core.Bots.Rules;

/// <summary>
/// Cleans the text (or caption) before any bot sees it: Unicode normalized, control and invisible characters removed,
/// length capped (<c>MaxTextLength</c>). Queries still bind it as a parameter and templates still escape it: this is
/// the first line, not the only one. The stored message keeps what the person sent.
/// </summary>
public sealed class SanitizeRule : IBotRule
{
    public string Name => "sanitize";

    public ValueTask<BotResult?> ApplyAsync(BotRuleContext context, CancellationToken ct)
    {
        var message = context.Request.Message;
        if (message.Content.Text is { } text)
        {
            var clean = TextNormalizer.Sanitize(text, context.Settings.MaxTextLength);
            if (!string.Equals(clean, text, StringComparison.Ordinal))
            {
                context.Request = context.Request with { Message = message with { Content = message.Content with { Text = clean } } };
            }
        }

        return ValueTask.FromResult<BotResult?>(null);
    }
}
