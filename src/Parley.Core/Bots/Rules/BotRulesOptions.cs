namespace Parley.Core.Bots.Rules;

/// <summary>
/// Defaults of the rules every bot runs under (<see cref="BotRules"/>). They sit in <c>Parley:Engine</c>, where they
/// were when only the engine's bots had them; each account overrides them under <c>Parley:Accounts:{n}:</c> with the
/// same key (see <see cref="BotRuleSettings"/>).
/// </summary>
public sealed class BotRulesOptions
{
    public const string SectionName = "Parley:Engine";

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Idle time after which a conversation starts a new session: bots greet again and forget the context.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Inbound text is cut to this many characters (text elements) before the bot sees it.</summary>
    public int MaxTextLength { get; set; } = 1000;

    /// <summary>Whole-message words that opt a contact out of every bot and campaign message (comma-separated).</summary>
    public string OptOutWords { get; set; } = "STOP, BAJA, CANCELAR, UNSUBSCRIBE";

    /// <summary>Whole-message words that opt a contact back in (comma-separated).</summary>
    public string OptInWords { get; set; } = "START, ALTA";

    /// <summary>Language of the rules' notices for contacts whose language is not known; empty: English.</summary>
    public string? Language { get; set; }
}
