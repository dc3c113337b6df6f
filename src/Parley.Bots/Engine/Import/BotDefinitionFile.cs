namespace Parley.Bots.Engine.Import;

/// <summary>
/// The YAML file of <c>bots import</c>: a bot's intents, templates and data sources. See
/// <c>examples/ministry.yaml</c> for a complete one. Keys are camelCase; unknown keys are errors.
/// </summary>
public sealed class BotDefinitionFile
{
    /// <summary>The registered bot the intents belong to.</summary>
    public string? Bot { get; set; }

    /// <summary>Only this account ('' or absent: every account); <c>--account</c> overrides it.</summary>
    public string? Account { get; set; }

    public List<IntentEntry> Intents { get; set; } = [];
    public List<TemplateEntry> Templates { get; set; } = [];
    public List<DataSourceEntry> DataSources { get; set; } = [];

    public sealed class IntentEntry
    {
        public string? Name { get; set; }
        public int Priority { get; set; }
        public double? Threshold { get; set; }
        public bool Active { get; set; } = true;

        /// <summary>Language code → keywords and phrases.</summary>
        public Dictionary<string, List<string>> Examples { get; set; } = [];
        public AnswerEntry? Answer { get; set; }
    }

    public sealed class AnswerEntry
    {
        public string? Template { get; set; }
        public string? DataSource { get; set; }
        public List<string> Match { get; set; } = [];
        public Dictionary<string, string> Args { get; set; } = [];
        public Dictionary<string, string> Values { get; set; } = [];
        public string? Text { get; set; }
    }

    public sealed class TemplateEntry
    {
        public string? Name { get; set; }
        public string? Language { get; set; }
        public string? Category { get; set; }
        public string? ProviderTemplateId { get; set; }
        public bool Active { get; set; } = true;
        public string? Body { get; set; }

        /// <summary>Names, or maps with <c>name</c>, <c>default</c> and <c>required</c>.</summary>
        public List<object> Parameters { get; set; } = [];
    }

    public sealed class DataSourceEntry
    {
        public string? Name { get; set; }
        public string? Description { get; set; }

        /// <summary>A connection string's name in configuration; absent: Parley's own database.</summary>
        public string? Connection { get; set; }
        public string? Provider { get; set; }
        public string? Query { get; set; }
        public List<string> Parameters { get; set; } = [];
        public double? TimeoutSeconds { get; set; }
        public int? MaxRows { get; set; }
        public int? CacheSeconds { get; set; }
        public bool Active { get; set; } = true;
    }
}
