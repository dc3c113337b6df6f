using System.Globalization;
using Parley.Bots.Engine.Text;
using Parley.Core.Accounts;
using Parley.Core.Contacts;

namespace Parley.Bots.Engine;

/// <summary>
/// The engine settings of one account: its own keys under <c>Parley:Accounts:{n}:</c> over the
/// <see cref="EngineOptions"/> defaults over the bot's defaults. Lists are comma-separated
/// (<c>AllowList=+15550001111,+15550002222</c>) or indexed (<c>AllowList:0</c>, <c>AllowList:1</c>).
/// </summary>
public sealed record AccountEngineSettings
{
    /// <summary>The setting keys an account may carry for the engine.</summary>
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
        public const string TimeZone = "TimeZone";
        public const string AlwaysUseTemplates = "AlwaysUseTemplates";
        public const string IntentThreshold = "IntentThreshold";

        /// <summary>Prefix of text overrides: <c>Texts:es:fallback</c> or <c>Texts:fallback</c>.</summary>
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

    public int RateLimitMessages { get; init; }
    public TimeSpan RateLimitWindow { get; init; }
    public TimeSpan SessionTimeout { get; init; }
    public int MaxTextLength { get; init; }
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
        var s = new Dictionary<string, string>(account.Settings, StringComparer.OrdinalIgnoreCase);
        var allow = Phones(account, s, Keys.AllowList);
        var language = Get(s, Keys.Language) ?? (string.IsNullOrWhiteSpace(defaults.Language) ? bot.DefaultLanguage : defaults.Language!);
        var zone = Get(s, Keys.TimeZone) ?? (string.IsNullOrWhiteSpace(defaults.TimeZone) ? null : defaults.TimeZone);
        var texts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in s)
        {
            if (key.StartsWith(Keys.Texts + ":", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(value))
            {
                texts[key[(Keys.Texts.Length + 1)..]] = value;
            }
        }

        return new AccountEngineSettings
        {
            AllowList = allow,
            AllowListEnabled = Bool(account, s, Keys.AllowListEnabled) ?? allow.Count > 0,
            AllowListNotice = Get(s, Keys.AllowListNotice),
            BlockList = Phones(account, s, Keys.BlockList),
            OptOutWords = Words(s, Keys.OptOutWords, defaults.OptOutWords),
            OptInWords = Words(s, Keys.OptInWords, defaults.OptInWords),
            RateLimitMessages = Int(account, s, Keys.RateLimitMessages, 0, 100_000) ?? defaults.RateLimit.Messages,
            RateLimitWindow = Duration(account, s, Keys.RateLimitWindow) ?? defaults.RateLimit.Window,
            SessionTimeout = Duration(account, s, Keys.SessionTimeout) ?? defaults.SessionTimeout,
            MaxTextLength = Int(account, s, Keys.MaxTextLength, 1, 4096) ?? defaults.MaxTextLength,
            Language = language.Trim().ToLowerInvariant(),
            TimeZone = zone is null ? BotZone(bot) : Zone(account, zone),
            AlwaysUseTemplates = Bool(account, s, Keys.AlwaysUseTemplates) ?? defaults.AlwaysUseTemplates,
            IntentThreshold = Fraction(account, s, Keys.IntentThreshold) ?? defaults.IntentThreshold,
            SessionHistory = defaults.SessionHistory,
            Texts = texts,
        };
    }

    private static string? Get(Dictionary<string, string> s, string key) =>
        s.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>Entries of a list setting, written comma-separated, indexed (<c>Key:0</c>) or both.</summary>
    private static IEnumerable<string> Entries(Dictionary<string, string> s, string key)
    {
        foreach (var (k, v) in s.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var indexed = k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase) && int.TryParse(k.AsSpan(key.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);
            if (!indexed && !string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var entry in (v ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return entry;
            }
        }
    }

    private static HashSet<string> Phones(Account account, Dictionary<string, string> s, string key)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Entries(s, key))
        {
            if (PhoneNumber.TryParse(entry, null, out var number) || PhoneNumber.TryParseWaId(entry, out number))
            {
                set.Add(number.WaId);
            }
            else
            {
                throw Invalid(account, key, $"'{PhoneMask.Mask(entry)}' is not a phone number in international form (like +15550001111)");
            }
        }

        return set;
    }

    private static List<string> Words(Dictionary<string, string> s, string key, string defaults)
    {
        var configured = Entries(s, key).ToList();
        var source = configured.Count > 0 ? configured : defaults.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return source.Select(TextNormalizer.ForMatching).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    private static int? Int(Account account, Dictionary<string, string> s, string key, int min, int max)
    {
        if (Get(s, key) is not { } v)
        {
            return null;
        }

        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Invalid(account, key, $"it must be a whole number from {min} to {max}, but it is '{v}'");
    }

    private static double? Fraction(Account account, Dictionary<string, string> s, string key)
    {
        if (Get(s, key) is not { } v)
        {
            return null;
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 1
            ? n
            : throw Invalid(account, key, $"it must be a number from 0 to 1, like 0.75, but it is '{v}'");
    }

    private static bool? Bool(Account account, Dictionary<string, string> s, string key)
    {
        if (Get(s, key) is not { } v)
        {
            return null;
        }

        return bool.TryParse(v, out var b) ? b : throw Invalid(account, key, $"it must be true or false, but it is '{v}'");
    }

    /// <summary>A duration as <c>00:01:30</c> or as whole seconds (<c>90</c>).</summary>
    private static TimeSpan? Duration(Account account, Dictionary<string, string> s, string key)
    {
        if (Get(s, key) is not { } v)
        {
            return null;
        }

        // Plain digits are seconds: TimeSpan.Parse would read "60" as sixty days.
        if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 31_536_000)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return v.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw Invalid(account, key, $"it must be a positive duration like 00:01:00 or a number of seconds, but it is '{v}'");
    }

    // A bot's own default zone may be missing on a machine without time zone data: UTC then, not a failure.
    private static TimeZoneInfo BotZone(EngineBot bot) =>
        bot.DefaultTimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static TimeZoneInfo Zone(Account account, string id)
    {
        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone)
            ? zone
            : throw Invalid(account, Keys.TimeZone, $"'{id}' is not a time zone this machine knows (use an IANA id like America/Mexico_City)");
    }

    private static InvalidOperationException Invalid(Account account, string key, string why) =>
        new($"Account '{account.Id}' setting {key} (Parley:Accounts:{{n}}:{key}) is wrong: {why}.");
}
