using Parley.Ai.Chat;

namespace Parley.Ai;

/// <summary>
/// <c>Parley:Ai</c>: which model provider answers, and how the assistant behaves. Every key can be overridden per
/// account under <c>Parley:Accounts:{n}:Ai</c> (see <see cref="AiSettings"/>). Offline by default: no key, no network.
/// </summary>
public sealed class AiOptions
{
    public const string SectionName = "Parley:Ai";

    /// <summary><c>offline</c>, <c>openai</c>, <c>openrouter</c>, <c>anthropic</c>, <c>azure-openai</c> or <c>openai-compatible</c>.</summary>
    public string Provider { get; set; } = AiProviders.Offline;

    public string? ApiKey { get; set; }

    /// <summary>The chat model (for Azure OpenAI: the deployment name).</summary>
    public string? Model { get; set; }

    /// <summary>The provider's API root, e.g. <c>http://localhost:11434/v1</c> for Ollama. Defaults per provider.</summary>
    public string? BaseUrl { get; set; }

    public int MaxTokens { get; set; } = 1000;

    /// <summary>Sampling temperature (OpenAI-style providers; Anthropic's current API takes none).</summary>
    public double Temperature { get; set; } = 0.7;

    /// <summary>Longest wait for one call to the provider; slower answers count as a failed attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Attempts per call (timeouts, 429 and 5xx are retried with backoff), then the user gets an apology.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Embedding model for retrieval; <c>none</c> turns embeddings off. OpenAI defaults to text-embedding-3-small.</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>Model for voice notes (OpenAI-style <c>/audio/transcriptions</c>). OpenAI defaults to whisper-1.</summary>
    public string? TranscriptionModel { get; set; }

    /// <summary>Model for images; defaults to <see cref="Model"/> except for generic OpenAI-compatible servers.</summary>
    public string? VisionModel { get; set; }

    /// <summary>Messages of the conversation sent with each request, after the system prompt.</summary>
    public int HistoryTurns { get; set; } = 10;

    /// <summary>How long after a person's last message the assistant waits before answering a burst of messages at once.</summary>
    public TimeSpan BurstDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>The persona: who the assistant is, its language and what it may and may not do. Safety rules are always added.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>A persona per bot name, for bots that use the assistant as their fallback.</summary>
    public Dictionary<string, string> BotPrompts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// What the assistant answers from when a model is configured: <c>open</c> (the default) asks the model every time,
    /// with the conversation's memory and the relevant knowledge-base passages, cited; <c>knowledge</c> answers only
    /// from the knowledge base (and the conversation itself) and says "I don't know" otherwise, without a model call.
    /// Offline there is no model, so answers always come from the knowledge base.
    /// </summary>
    public string Grounding { get; set; } = AiGrounding.Open;

    /// <summary>Passages of the knowledge base put into a prompt (or quoted offline).</summary>
    public int MaxPassages { get; set; } = 4;

    /// <summary>Cosine similarity from which an embedding match counts as relevant.</summary>
    public double MinSimilarity { get; set; } = 0.4;

    /// <summary>Loads Parley's own small knowledge base into the <c>sandbox</c> account when its knowledge base is empty.</summary>
    public bool DemoKnowledge { get; set; } = true;
}
