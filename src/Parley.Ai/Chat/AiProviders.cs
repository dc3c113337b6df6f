namespace Parley.Ai.Chat;

/// <summary>The model providers <c>Parley:Ai:Provider</c> accepts.</summary>
public static class AiProviders
{
    public const string Offline = "offline";
    public const string OpenAi = "openai";
    public const string OpenRouter = "openrouter";
    public const string Anthropic = "anthropic";
    public const string AzureOpenAi = "azure-openai";
    public const string OpenAiCompatible = "openai-compatible";

    public static readonly IReadOnlyList<string> All = [Offline, OpenAi, OpenRouter, Anthropic, AzureOpenAi, OpenAiCompatible];

    /// <summary>Providers spoken through the OpenAI SDK (chat completions, embeddings, audio transcriptions).</summary>
    public static bool IsOpenAiStyle(string provider) => provider is OpenAi or OpenRouter or AzureOpenAi or OpenAiCompatible;

    public static string? DefaultBaseUrl(string provider) => provider switch
    {
        OpenAi => "https://api.openai.com/v1",
        OpenRouter => "https://openrouter.ai/api/v1",
        Anthropic => "https://api.anthropic.com",
        _ => null,
    };
}
