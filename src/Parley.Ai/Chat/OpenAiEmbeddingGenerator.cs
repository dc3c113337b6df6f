using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;

namespace Parley.Ai.Chat;

/// <summary><see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> over the OpenAI SDK's <c>/embeddings</c>.</summary>
public sealed class OpenAiEmbeddingGenerator(OpenAIClient client, string model, Uri? endpoint = null) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingClient _client = client.GetEmbeddingClient(model);
    private readonly EmbeddingGeneratorMetadata _metadata = new("openai", endpoint, model);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _client.GenerateEmbeddingsAsync(values, cancellationToken: cancellationToken);
        var embeddings = result.Value.OrderBy(e => e.Index)
            .Select(e => new Embedding<float>(e.ToFloats()) { ModelId = model })
            .ToList();
        return new GeneratedEmbeddings<Embedding<float>>(embeddings)
        {
            Usage = new UsageDetails { InputTokenCount = result.Value.Usage.InputTokenCount, TotalTokenCount = result.Value.Usage.TotalTokenCount },
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The OpenAIClient is shared.
    }
}
