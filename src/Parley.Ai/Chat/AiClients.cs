using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;
using Parley.Ai.Media;

namespace Parley.Ai.Chat;

/// <summary>
/// Builds the provider SDK clients for a set of <see cref="AiSettings"/> and keeps them (they are thread-safe and
/// pool connections). The SDKs' own retries are off: <see cref="AiCaller"/> retries, so attempts and backoff are ours.
/// </summary>
public sealed class AiClients : IDisposable
{
    private readonly ConcurrentDictionary<string, object> _clients = new(StringComparer.Ordinal);

    /// <summary>The chat model behind <see cref="IChatClient"/>, or null when offline.</summary>
    public IChatClient? Chat(AiSettings settings)
    {
        if (settings.IsOffline || settings.Model is null)
        {
            return null;
        }

        return (IChatClient)_clients.GetOrAdd("chat|" + settings.ClientKey(), _ => settings.Provider == AiProviders.Anthropic
            ? CreateAnthropic(settings).AsIChatClient(settings.Model, settings.MaxTokens)
            : new OpenAiChatClient(OpenAi(settings), settings.Model, new Uri(settings.EffectiveBaseUrl!)));
    }

    /// <summary>Embeddings for retrieval, or null when the provider has none configured.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings(AiSettings settings)
    {
        if (settings.EffectiveEmbeddingModel is not { } model || !AiProviders.IsOpenAiStyle(settings.Provider))
        {
            return null;
        }

        return (IEmbeddingGenerator<string, Embedding<float>>)_clients.GetOrAdd($"embed|{model}|{settings.ClientKey()}",
            _ => new OpenAiEmbeddingGenerator(OpenAi(settings), model, new Uri(settings.EffectiveBaseUrl!)));
    }

    /// <summary>Speech to text for voice notes, or null when the provider cannot transcribe.</summary>
    public IAudioTranscriber? Transcriber(AiSettings settings)
    {
        if (settings.EffectiveTranscriptionModel is not { } model || !AiProviders.IsOpenAiStyle(settings.Provider))
        {
            return null;
        }

        return (IAudioTranscriber)_clients.GetOrAdd($"audio|{model}|{settings.ClientKey()}",
            _ => new OpenAiTranscriber(OpenAi(settings), model));
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.OfType<IDisposable>())
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    private OpenAIClient OpenAi(AiSettings settings) =>
        (OpenAIClient)_clients.GetOrAdd("openai|" + settings.ClientKey(), _ =>
        {
            var options = new OpenAIClientOptions
            {
                Endpoint = new Uri(settings.EffectiveBaseUrl!),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                // AiCaller cancels each attempt at the configured timeout; this is only the SDK's backstop.
                NetworkTimeout = settings.Timeout + TimeSpan.FromSeconds(5),
                UserAgentApplicationId = "parley",
            };
            // Local servers (Ollama, vLLM, LM Studio) need no key, but the SDK wants one.
            var credential = new ApiKeyCredential(settings.ApiKey ?? "none");
            if (settings.Provider != AiProviders.AzureOpenAi)
            {
                return new OpenAIClient(credential, options);
            }

            // Azure OpenAI authenticates keys with an "api-key" header. The SDK marks this constructor as evaluation-only;
            // it is the one way to send the key there and nowhere else.
#pragma warning disable OPENAI001
            return new OpenAIClient(ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(credential, "api-key"), options);
#pragma warning restore OPENAI001
        });

    private AnthropicClient CreateAnthropic(AiSettings settings)
    {
        var client = new AnthropicClient(new Anthropic.Core.ClientOptions
        {
            ApiKey = settings.ApiKey,
            BaseUrl = settings.EffectiveBaseUrl!,
            MaxRetries = 0,
            Timeout = settings.Timeout + TimeSpan.FromSeconds(5),
        });
        _clients.TryAdd("anthropic-owner|" + settings.ClientKey(), client);
        return client;
    }
}
