using System.Globalization;
using Parley.Core.Accounts;

namespace Parley.Ai.Chat;

/// <summary>
/// The AI settings in force for one account: <c>Parley:Ai:*</c> with the account's <c>Ai:*</c> settings (and its
/// <c>Ai:ApiKey</c> secret) on top. When an account names another provider than the global one, the provider's
/// key, URL and models are not inherited: a key for one provider is never sent to another.
/// </summary>
public sealed record AiSettings
{
    public const string AccountPrefix = "Ai:";
    private const string Disabled = "none";

    public string Provider { get; init; } = AiProviders.Offline;
    public string? ApiKey { get; init; }
    public string? Model { get; init; }
    public string? BaseUrl { get; init; }
    public int MaxTokens { get; init; } = 1000;
    public double Temperature { get; init; } = 0.7;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);
    public int MaxAttempts { get; init; } = 3;
    public string? EmbeddingModel { get; init; }
    public string? TranscriptionModel { get; init; }
    public string? VisionModel { get; init; }
    public int HistoryTurns { get; init; } = 10;
    public TimeSpan BurstDelay { get; init; } = TimeSpan.FromMilliseconds(800);
    public string? SystemPrompt { get; init; }
    public int MaxPassages { get; init; } = 4;
    public double MinSimilarity { get; init; } = 0.4;

    /// <summary><see cref="AiGrounding.Open"/> or <see cref="AiGrounding.Knowledge"/>.</summary>
    public string Grounding { get; init; } = AiGrounding.Open;

    /// <summary>Only answers grounded in the knowledge base (or the conversation) are given: <c>knowledge</c> grounding, or no model.</summary>
    public bool KnowledgeOnly => IsOffline || Grounding == AiGrounding.Knowledge;

    public bool IsOffline => Provider == AiProviders.Offline;

    public string? EffectiveBaseUrl => BaseUrl ?? AiProviders.DefaultBaseUrl(Provider);

    /// <summary>The embedding model to use, or null when this provider has none configured (Anthropic has no embeddings API).</summary>
    public string? EffectiveEmbeddingModel => Choose(EmbeddingModel, Provider == AiProviders.OpenAi ? "text-embedding-3-small" : null, AiProviders.IsOpenAiStyle(Provider));

    /// <summary>The transcription model, or null when voice notes cannot be transcribed with this provider.</summary>
    public string? EffectiveTranscriptionModel => Choose(TranscriptionModel, Provider == AiProviders.OpenAi ? "whisper-1" : null, AiProviders.IsOpenAiStyle(Provider));

    /// <summary>The model that looks at images, or null. A generic OpenAI-compatible server gets none unless one is named.</summary>
    public string? EffectiveVisionModel => Choose(VisionModel, Provider == AiProviders.OpenAiCompatible ? null : Model, !IsOffline);

    public static AiSettings From(AiOptions o) => new()
    {
        Provider = Normalize(o.Provider) ?? AiProviders.Offline,
        ApiKey = Blank(o.ApiKey),
        Model = Blank(o.Model),
        BaseUrl = Blank(o.BaseUrl),
        MaxTokens = o.MaxTokens,
        Temperature = o.Temperature,
        Timeout = o.Timeout,
        MaxAttempts = o.MaxAttempts,
        EmbeddingModel = Blank(o.EmbeddingModel),
        TranscriptionModel = Blank(o.TranscriptionModel),
        VisionModel = Blank(o.VisionModel),
        HistoryTurns = o.HistoryTurns,
        BurstDelay = o.BurstDelay,
        SystemPrompt = Blank(o.SystemPrompt),
        MaxPassages = o.MaxPassages,
        MinSimilarity = o.MinSimilarity,
        Grounding = Normalize(o.Grounding) ?? AiGrounding.Open,
    };

    /// <summary>
    /// Like <see cref="For"/>, but settings that do not parse mean offline (the options validator names the key at
    /// start; until it is fixed the assistant still answers, from the knowledge base). <paramref name="problem"/> says why.
    /// </summary>
    public static AiSettings ForOrOffline(AiOptions global, Account? account, out string? problem)
    {
        try
        {
            problem = null;
            return For(global, account);
        }
        catch (FormatException ex)
        {
            problem = ex.Message;
            return From(global) with { Provider = AiProviders.Offline };
        }
    }

    /// <inheritdoc cref="ForOrOffline(AiOptions, Account?, out string?)"/>
    public static AiSettings ForOrOffline(AiOptions global, Account? account) => ForOrOffline(global, account, out _);

    /// <summary>The settings for an account. Throws <see cref="FormatException"/> naming the key when a value does not parse.</summary>
    public static AiSettings For(AiOptions global, Account? account, string keyPrefix = "Ai")
    {
        var baseline = From(global);
        if (account is null)
        {
            return baseline;
        }

        string? Get(string key) => Find(account.Settings, AccountPrefix + key);
        var provider = Normalize(Get("Provider")) ?? baseline.Provider;
        // Provider-specific values are inherited only by accounts on the same provider.
        var inherit = provider == baseline.Provider;
        return baseline with
        {
            Provider = provider,
            ApiKey = Find(account.Secrets, AccountPrefix + "ApiKey") ?? Find(account.Settings, AccountPrefix + "ApiKey") ?? (inherit ? baseline.ApiKey : null),
            Model = Get("Model") ?? (inherit ? baseline.Model : null),
            BaseUrl = Get("BaseUrl") ?? (inherit ? baseline.BaseUrl : null),
            EmbeddingModel = Get("EmbeddingModel") ?? (inherit ? baseline.EmbeddingModel : null),
            TranscriptionModel = Get("TranscriptionModel") ?? (inherit ? baseline.TranscriptionModel : null),
            VisionModel = Get("VisionModel") ?? (inherit ? baseline.VisionModel : null),
            MaxTokens = ParseInt(Get("MaxTokens"), $"{keyPrefix}:MaxTokens") ?? baseline.MaxTokens,
            Temperature = ParseDouble(Get("Temperature"), $"{keyPrefix}:Temperature") ?? baseline.Temperature,
            Timeout = ParseTime(Get("Timeout"), $"{keyPrefix}:Timeout") ?? baseline.Timeout,
            MaxAttempts = ParseInt(Get("MaxAttempts"), $"{keyPrefix}:MaxAttempts") ?? baseline.MaxAttempts,
            HistoryTurns = ParseInt(Get("HistoryTurns"), $"{keyPrefix}:HistoryTurns") ?? baseline.HistoryTurns,
            BurstDelay = ParseTime(Get("BurstDelay"), $"{keyPrefix}:BurstDelay") ?? baseline.BurstDelay,
            SystemPrompt = Get("SystemPrompt") ?? baseline.SystemPrompt,
            MaxPassages = ParseInt(Get("MaxPassages"), $"{keyPrefix}:MaxPassages") ?? baseline.MaxPassages,
            MinSimilarity = ParseDouble(Get("MinSimilarity"), $"{keyPrefix}:MinSimilarity") ?? baseline.MinSimilarity,
            Grounding = Normalize(Get("Grounding")) ?? baseline.Grounding,
        };
    }

    /// <summary>Problems with these settings, each a sentence naming the key under <paramref name="prefix"/>.</summary>
    public IEnumerable<string> Problems(string prefix)
    {
        if (!AiProviders.All.Contains(Provider))
        {
            yield return $"{prefix}:Provider must be one of {string.Join(", ", AiProviders.All)}, but it is '{Provider}'.";
            yield break;
        }

        if (!IsOffline)
        {
            if (Model is null)
            {
                yield return $"{prefix}:Model is required when {prefix}:Provider is '{Provider}' (for example {ExampleModel(Provider)}).";
            }

            if (ApiKey is null && Provider != AiProviders.OpenAiCompatible)
            {
                yield return $"{prefix}:ApiKey is required when {prefix}:Provider is '{Provider}'.";
            }

            if (EffectiveBaseUrl is null)
            {
                yield return $"{prefix}:BaseUrl is required when {prefix}:Provider is '{Provider}' (for example {ExampleUrl(Provider)}).";
            }
        }

        if (BaseUrl is not null && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            yield return $"{prefix}:BaseUrl must be an absolute http(s) URL, but it is '{BaseUrl}'.";
        }

        if (MaxTokens is < 1 or > 200_000)
        {
            yield return $"{prefix}:MaxTokens must be between 1 and 200000, but it is {MaxTokens}.";
        }

        if (Temperature is < 0 or > 2)
        {
            yield return $"{prefix}:Temperature must be between 0 and 2, but it is {Temperature.ToString(CultureInfo.InvariantCulture)}.";
        }

        if (Timeout < TimeSpan.FromMilliseconds(100) || Timeout > TimeSpan.FromMinutes(2))
        {
            yield return $"{prefix}:Timeout must be between 00:00:00.1 and 00:02:00, but it is {Timeout}.";
        }

        if (MaxAttempts is < 1 or > 5)
        {
            yield return $"{prefix}:MaxAttempts must be between 1 and 5, but it is {MaxAttempts}.";
        }

        if (HistoryTurns is < 0 or > 50)
        {
            yield return $"{prefix}:HistoryTurns must be between 0 and 50, but it is {HistoryTurns}.";
        }

        // The core holds a conversation's lease for 30 s; the burst wait must stay well inside it.
        if (BurstDelay < TimeSpan.Zero || BurstDelay > TimeSpan.FromSeconds(10))
        {
            yield return $"{prefix}:BurstDelay must be between 00:00:00 and 00:00:10, but it is {BurstDelay}.";
        }

        if (MaxPassages is < 1 or > 10)
        {
            yield return $"{prefix}:MaxPassages must be between 1 and 10, but it is {MaxPassages}.";
        }

        if (!AiGrounding.All.Contains(Grounding))
        {
            yield return $"{prefix}:Grounding must be one of {string.Join(", ", AiGrounding.All)}, but it is '{Grounding}'.";
        }

        if (MinSimilarity is < 0 or > 1)
        {
            yield return $"{prefix}:MinSimilarity must be between 0 and 1, but it is {MinSimilarity.ToString(CultureInfo.InvariantCulture)}.";
        }
    }

    /// <summary>Identifies the client configuration (a hash stands in for the key) for caching clients.</summary>
    internal string ClientKey() =>
        string.Join('|', Provider, EffectiveBaseUrl, Model, Timeout.Ticks.ToString(CultureInfo.InvariantCulture),
            ApiKey is null ? "" : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ApiKey))));

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"{Provider} {Model ?? "(no model)"} at {EffectiveBaseUrl ?? "(no URL)"}";

    private static string? Choose(string? configured, string? fallback, bool supported)
    {
        if (!supported || string.Equals(configured, Disabled, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return configured ?? fallback;
    }

    private static string? Find(IReadOnlyDictionary<string, string> values, string key)
    {
        if (values.TryGetValue(key, out var exact))
        {
            return Blank(exact);
        }

        foreach (var (k, v) in values)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            {
                return Blank(v);
            }
        }

        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Normalize(string? provider) => Blank(provider)?.ToLowerInvariant();

    private static int? ParseInt(string? value, string key) =>
        value is null ? null
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new FormatException($"{key} must be a whole number, but it is '{value}'.");

    private static double? ParseDouble(string? value, string key) =>
        value is null ? null
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
        : throw new FormatException($"{key} must be a number like 0.7, but it is '{value}'.");

    private static TimeSpan? ParseTime(string? value, string key) =>
        value is null ? null
        : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var t) ? t
        : throw new FormatException($"{key} must be a time span like 00:00:20, but it is '{value}'.");

    private static string ExampleModel(string provider) => provider switch
    {
        AiProviders.Anthropic => "claude-sonnet-4-5",
        AiProviders.OpenRouter => "openai/gpt-4o-mini",
        AiProviders.OpenAiCompatible => "llama3.2",
        _ => "gpt-4o-mini",
    };

    private static string ExampleUrl(string provider) => provider == AiProviders.AzureOpenAi
        ? "https://YOUR-RESOURCE.openai.azure.com/openai/v1/"
        : "http://localhost:11434/v1";
}
