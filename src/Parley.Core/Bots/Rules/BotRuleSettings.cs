using Parley.Core.Accounts;

namespace Parley.Core.Bots.Rules;

/// <summary>
/// The rules' settings of one account: its own keys under <c>Parley:Accounts:{n}:</c> over <see cref="BotRulesOptions"/>.
/// </summary>
public sealed record BotRuleSettings
{
    /// <summary>The setting keys an account may carry for the rules.</summary>
    public static class Keys
    {
        public const string AllowList = "AllowList";
        public const string AllowListEnabled = "AllowListEnabled";
        public const string AllowListNotice = "AllowListNotice";
        public const string BlockList = "BlockList";
        public const string OptOutWords = "OptOutWords";
        public const string OptInWords = "OptInWords";
        public const string RateLimitMessages = "RateLimit:Messages";
        public const string RateLimitWindow = "RateLimit:Window";
        public const string SessionTimeout = "SessionTimeout";
        public const string MaxTextLength = "MaxTextLength";
        public const string Language = "Language";

        /// <summary>Prefix of text overrides: <c>Texts:es:opted_out</c> or <c>Texts:opted_out</c>.</summary>
        public const string Texts = "Texts";
    }

    /// <summary>wa_ids (digits) that may use the bot when <see cref="AllowListEnabled"/>.</summary>
    public IReadOnlySet<string> AllowList { get; init; } = new HashSet<string>();

    /// <summary>Only allowed contacts (<see cref="AllowList"/> or flagged allowed) are served. On when the list has entries.</summary>
    public bool AllowListEnabled { get; init; }

    /// <summary>Sent once to a contact who is not allowed; null: not-allowed contacts get nothing.</summary>
    public string? AllowListNotice { get; init; }

    public IReadOnlySet<string> BlockList { get; init; } = new HashSet<string>();

    /// <summary>In matching form (lower case, no accents).</summary>
    public IReadOnlyList<string> OptOutWords { get; init; } = [];

    /// <summary>In matching form (lower case, no accents).</summary>
    public IReadOnlyList<string> OptInWords { get; init; } = [];

    /// <summary>0: no limit.</summary>
    public int RateLimitMessages { get; init; }
    public TimeSpan RateLimitWindow { get; init; }
    public TimeSpan SessionTimeout { get; init; }
    public int MaxTextLength { get; init; }

    /// <summary>The account's language (<c>Language</c>), null when it has none.</summary>
    public string? Language { get; init; }

    /// <summary>Text overrides: <c>es:opted_out</c> or <c>opted_out</c> → text.</summary>
    public IReadOnlyDictionary<string, string> Texts { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads and checks the settings; a wrong value throws with a sentence that names the key.</summary>
    public static BotRuleSettings From(Account account, BotRulesOptions defaults)
    {
        var s = new AccountSettingReader(account);
        var allow = s.Phones(Keys.AllowList);
        var texts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in s.All)
        {
            if (key.StartsWith(Keys.Texts + ":", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(value))
            {
                texts[key[(Keys.Texts.Length + 1)..]] = value;
            }
        }

        return new BotRuleSettings
        {
            AllowList = allow,
            AllowListEnabled = s.Bool(Keys.AllowListEnabled) ?? allow.Count > 0,
            AllowListNotice = s.Get(Keys.AllowListNotice),
            BlockList = s.Phones(Keys.BlockList),
            OptOutWords = s.Words(Keys.OptOutWords, defaults.OptOutWords),
            OptInWords = s.Words(Keys.OptInWords, defaults.OptInWords),
            RateLimitMessages = s.Int(Keys.RateLimitMessages, 0, 100_000) ?? defaults.RateLimit.Messages,
            RateLimitWindow = s.Duration(Keys.RateLimitWindow) ?? defaults.RateLimit.Window,
            SessionTimeout = s.Duration(Keys.SessionTimeout) ?? defaults.SessionTimeout,
            MaxTextLength = s.Int(Keys.MaxTextLength, 1, 4096) ?? defaults.MaxTextLength,
            Language = (s.Get(Keys.Language) ?? (string.IsNullOrWhiteSpace(defaults.Language) ? null : defaults.Language))?.Trim().ToLowerInvariant(),
            Texts = texts,
        };
    }

    /// <summary>The account's override of a text in <paramref name="language"/>, if any.</summary>
    public string? Text(string key, string language) =>
        Texts.TryGetValue($"{language}:{key}", out var exact) ? exact
        : Texts.TryGetValue(key, out var any) ? any
        : null;
}
