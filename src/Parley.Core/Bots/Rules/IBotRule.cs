namespace Parley.Core.Bots.Rules;

/// <summary>
/// One of the rules every bot runs under (blocked contacts, allow-list, opt-out, takeover, rate limit, sanitizer,
/// session timeout). Rules run in registration order before the bot; the first that answers decides the message.
/// </summary>
public interface IBotRule
{
    /// <summary>Short name, shown in logs.</summary>
    string Name { get; }

    /// <returns>The message's result (possibly <see cref="BotResult.Silent"/>) when the rule decides it; null lets the next rule and the bot run.</returns>
    ValueTask<BotResult?> ApplyAsync(BotRuleContext context, CancellationToken ct);
}
