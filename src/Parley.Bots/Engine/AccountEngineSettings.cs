using Parley.Core.Accounts;

namespace Parley.Bots.Engine;

/// <summary>
/// The engine settings of one account: its own keys under <c>Parley:Accounts:{n}:</c> over the
/// <see cref="EngineOptions"/> defaults over the bot's defaults. The rules every bot runs under (allow-list, block
/// list, rate limit, opt-out words, session timeout, text cap) are Core's: <c>Parley.Core.Bots.Rules.BotRuleSettings</c>.
/// </summary>
public sealed record AccountEngineSettings
{
    /// <summary>The setting keys an account may carry for the engine.</summary>
    public static class Keys
    {
        public const string Language = "Language";
        public const string TimeZone = "TimeZone";
        public const string AlwaysUseTemplates = "AlwaysUseTemplates";
        public const string IntentThreshold = "IntentThreshold";

        /// <summary>Prefix of text overrides: <c>Texts:es:fallback</c> or <c>Texts:fallback</c>.</summary>
        public const string Texts = "Texts";
    }

    public string Language { get; init; } = "en";
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    public bool AlwaysUseTemplates { get; init; }
    public double IntentThreshold { get; init; }
    public int SessionHistory { get; init; }

    /// <summary>Text overrides: <c>es:fallback</c> or <c>fallback</c> → text.</summary>
    public IReadOnlyDictionary<string, string> Texts { get; init; } = new Dictionary<string, string>();

    /// <summary>The account's override of an engine text in <paramref name="language"/>, if any.</summary>
    public string? Text(string key, string language) =>
        Texts.TryGetValue($"{language}:{key}", out var exact) ? exact
        : Texts.TryGetValue(key, out var any) ? any
        : null;

    /// <summary>Reads and checks the settings; a wrong value throws with a sentence that names the key.</summary>
    public static AccountEngineSettings From(Account account, EngineOptions defaults, EngineBot bot)
    {
        var s = new AccountSettingReader(account);
        var language = s.Get(Keys.Language) ?? (string.IsNullOrWhiteSpace(defaults.Language) ? bot.DefaultLanguage : defaults.Language!);
        var zone = s.Get(Keys.TimeZone) ?? (string.IsNullOrWhiteSpace(defaults.TimeZone) ? null : defaults.TimeZone);
        var texts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in s.All)
        {
            if (key.StartsWith(Keys.Texts + ":", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(value))
            {
                texts[key[(Keys.Texts.Length + 1)..]] = value;
            }
        }

        return new AccountEngineSettings
        {
            Language = language.Trim().ToLowerInvariant(),
            TimeZone = zone is null ? BotZone(bot) : Zone(s, zone),
            AlwaysUseTemplates = s.Bool(Keys.AlwaysUseTemplates) ?? defaults.AlwaysUseTemplates,
            IntentThreshold = s.Fraction(Keys.IntentThreshold) ?? defaults.IntentThreshold,
            SessionHistory = defaults.SessionHistory,
            Texts = texts,
        };
    }

    // A bot's own default zone may be missing on a machine without time zone data: UTC then, not a failure.
    private static TimeZoneInfo BotZone(EngineBot bot) =>
        bot.DefaultTimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static TimeZoneInfo Zone(AccountSettingReader s, string id)
    {
        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone)
            ? zone
            : throw s.Invalid(Keys.TimeZone, $"'{id}' is not a time zone this machine knows (use an IANA id like America/Mexico_City)");
    }
}
