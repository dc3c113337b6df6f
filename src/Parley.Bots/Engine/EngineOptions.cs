using Microsoft.Extensions.Options;

namespace Parley.Bots.Engine;

/// <summary>
/// Defaults of the bot engine (<c>Parley:Engine</c>). Each account may override most of them under
/// <c>Parley:Accounts:{n}:</c> with the same key (see <see cref="AccountEngineSettings"/>).
/// </summary>
public sealed class EngineOptions
{
    public const string SectionName = "Parley:Engine";

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Idle time after which a conversation starts a new session (with a greeting).</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Inbound text is cut to this many characters (text elements) before the bot sees it.</summary>
    public int MaxTextLength { get; set; } = 1000;

    /// <summary>Whole-message words that opt a contact out of every bot and campaign message (comma-separated).</summary>
    public string OptOutWords { get; set; } = "STOP, BAJA, CANCELAR, UNSUBSCRIBE";

    /// <summary>Whole-message words that opt a contact back in (comma-separated).</summary>
    public string OptInWords { get; set; } = "START, ALTA";

    /// <summary>Confidence an intent needs (0..1) unless the intent sets its own.</summary>
    public double IntentThreshold { get; set; } = 0.75;

    /// <summary>Language for contacts whose language is not known yet; empty: the bot's own default.</summary>
    public string? Language { get; set; }

    /// <summary>Time zone for dates in answers (IANA id); empty: the bot's own default, else UTC.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Always send approved provider templates, even inside the 24-hour window.</summary>
    public bool AlwaysUseTemplates { get; set; }

    /// <summary>Turns of recent history kept in a session.</summary>
    public int SessionHistory { get; set; } = 10;

    public DataSourceOptions DataSources { get; set; } = new();

    /// <summary>How long intents, templates and data source definitions are cached before they are read again.</summary>
    public TimeSpan DefinitionsCacheTtl { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class RateLimitOptions
{
    /// <summary>Messages a contact may send per <see cref="Window"/>; 0 turns the limit off.</summary>
    public int Messages { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);
}

public sealed class DataSourceOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxRows { get; set; } = 100;

    /// <summary>How long results are cached unless a data source says otherwise; zero turns caching off.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Stops the start with a sentence that names the wrong key.</summary>
public sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions o)
    {
        var errors = new List<string>();
        const string p = EngineOptions.SectionName;
        if (o.RateLimit.Messages < 0)
        {
            errors.Add($"{p}:RateLimit:Messages must be 0 (off) or more, but it is {o.RateLimit.Messages}.");
        }

        if (o.RateLimit.Window <= TimeSpan.Zero)
        {
            errors.Add($"{p}:RateLimit:Window must be positive, like 00:01:00, but it is {o.RateLimit.Window}.");
        }

        if (o.SessionTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{p}:SessionTimeout must be positive, like 00:30:00, but it is {o.SessionTimeout}.");
        }

        if (o.MaxTextLength is < 1 or > 4096)
        {
            errors.Add($"{p}:MaxTextLength must be between 1 and 4096, but it is {o.MaxTextLength}.");
        }

        if (double.IsNaN(o.IntentThreshold) || o.IntentThreshold is < 0 or > 1)
        {
            errors.Add($"{p}:IntentThreshold must be between 0 and 1, but it is {o.IntentThreshold}.");
        }

        if (o.SessionHistory is < 0 or > 100)
        {
            errors.Add($"{p}:SessionHistory must be between 0 and 100, but it is {o.SessionHistory}.");
        }

        if (o.DataSources.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{p}:DataSources:Timeout must be positive, but it is {o.DataSources.Timeout}.");
        }

        if (o.DataSources.MaxRows is < 1 or > 10_000)
        {
            errors.Add($"{p}:DataSources:MaxRows must be between 1 and 10000, but it is {o.DataSources.MaxRows}.");
        }

        if (o.DataSources.CacheTtl < TimeSpan.Zero)
        {
            errors.Add($"{p}:DataSources:CacheTtl must not be negative, but it is {o.DataSources.CacheTtl}.");
        }

        if (o.DefinitionsCacheTtl < TimeSpan.Zero)
        {
            errors.Add($"{p}:DefinitionsCacheTtl must not be negative, but it is {o.DefinitionsCacheTtl}.");
        }

        if (!string.IsNullOrWhiteSpace(o.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _))
        {
            errors.Add($"{p}:TimeZone '{o.TimeZone}' is not a time zone this machine knows (use an IANA id like America/Mexico_City).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
