namespace Parley.Bots.Engine;

/// <summary>
/// Defaults of the bot engine (<c>Parley:Engine</c>). Each account may override most of them under
/// <c>Parley:Accounts:{n}:</c> with the same key (see <see cref="AccountEngineSettings"/>). The rules every bot runs
/// under (<c>RateLimit</c>, <c>SessionTimeout</c>, <c>MaxTextLength</c>, <c>OptOutWords</c>, <c>OptInWords</c>) share this
/// section but belong to Core (<c>Parley.Core.Bots.Rules.BotRulesOptions</c>).
/// </summary>
public sealed class EngineOptions
{
    public const string SectionName = "Parley:Engine";

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
