using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Parley.Ai.Chat;

namespace Parley.Ai.Knowledge;

/// <summary>
/// Finds the passages that answer a question: BM25 over accent-folded, stemmed terms (works offline), plus cosine
/// similarity of provider embeddings when an embedding model is configured, combined by reciprocal rank fusion.
/// Only passages that are relevant by either measure are returned, so "nothing found" is a real answer.
/// </summary>
public sealed class Retriever(KnowledgeStore store, AiClients clients, AiCaller caller, ILogger<Retriever> logger)
{
    /// <summary>A passage matching at least this share of the question's weight is relevant.</summary>
    public const double MinCoverage = 0.45;

    private const int Candidates = 20;
    private const int RankConstant = 60;
    private const int EmbedBatch = 64;
    private const int MaxBackfillPerQuery = 256;

    private readonly ConcurrentDictionary<KbScope, LexicalCache> _lexical = new();
    private readonly ConcurrentDictionary<(KbScope, string), VectorCache> _vectors = new();

    private sealed record LexicalCache(string Stamp, IReadOnlyList<KbPassage> Passages, Bm25Index Index);

    private sealed record VectorCache(string Stamp, Dictionary<long, float[]> Vectors);

    public async Task<IReadOnlyList<RetrievedPassage>> SearchAsync(KbScope scope, string question, AiSettings settings, CancellationToken ct)
    {
        var stamp = await store.StampAsync(scope, ct);
        var lexical = await LexicalAsync(scope, stamp, ct);
        if (lexical.Passages.Count == 0 || string.IsNullOrWhiteSpace(question))
        {
            return [];
        }

        var candidates = new Dictionary<long, (KbPassage Passage, double Rrf, double Coverage, double Lexical, double? Similarity)>();
        // Each signal votes only for the passages it finds relevant: a weak match must not push a good one down.
        var questionTerms = TextAnalyzer.Terms(question);
        var lexicalHits = lexical.Index.Search(questionTerms, Candidates).Where(h => h.Coverage >= MinCoverage)
            .OrderByDescending(h => h.Score * (1 + HeadingShare(questionTerms, lexical.Passages[h.Index])))
            .ToList();
        for (var rank = 0; rank < lexicalHits.Count; rank++)
        {
            var hit = lexicalHits[rank];
            var passage = lexical.Passages[hit.Index];
            candidates[passage.Id] = (passage, 1.0 / (RankConstant + rank + 1), hit.Coverage, hit.Score, null);
        }

        if (clients.Embeddings(settings) is { } embedder && settings.EffectiveEmbeddingModel is { } model)
        {
            var similar = (await SimilarAsync(scope, stamp, lexical.Passages.Count, question, embedder, model, settings, ct))
                .Where(s => s.Similarity >= settings.MinSimilarity).ToList();
            var byId = lexical.Passages.ToDictionary(p => p.Id);
            for (var rank = 0; rank < similar.Count; rank++)
            {
                var (id, similarity) = similar[rank];
                if (!byId.TryGetValue(id, out var passage))
                {
                    continue;
                }

                var rrf = 1.0 / (RankConstant + rank + 1);
                candidates[id] = candidates.TryGetValue(id, out var existing)
                    ? (passage, existing.Rrf + rrf, existing.Coverage, existing.Lexical, similarity)
                    : (passage, rrf, 0, 0, similarity);
            }
        }

        return candidates.Values
            .OrderByDescending(c => c.Rrf)
            .ThenByDescending(c => c.Lexical)
            .Take(settings.MaxPassages)
            .Select(c => new RetrievedPassage(c.Passage, c.Rrf) { Coverage = c.Coverage, Lexical = c.Lexical, Similarity = c.Similarity })
            .ToList();
    }

    /// <summary>
    /// The share of the question's distinct terms that the passage's own heading names (its document's title for an
    /// introduction). A question that names a section ("Does Parley support Twilio?") is answered by that section
    /// before a passage that merely mentions the word: the heading is what the passage is about.
    /// </summary>
    internal static double HeadingShare(IReadOnlyList<string> questionTerms, KbPassage passage)
    {
        var distinct = questionTerms.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return 0;
        }

        var heading = passage.Heading.Length == 0 ? passage.Title : passage.Heading;
        var own = TextAnalyzer.Terms(heading[(heading.LastIndexOf('›') + 1)..]).ToHashSet(StringComparer.Ordinal);
        return (double)distinct.Count(own.Contains) / distinct.Count;
    }

    /// <summary>Embeds passages that have no embedding for the model yet (also run by <c>kb add</c>). Returns how many were embedded.</summary>
    public async Task<int> EmbedMissingAsync(KbScope scope, IEmbeddingGenerator<string, Embedding<float>> embedder, string model, AiSettings settings, int max, CancellationToken ct)
    {
        var done = 0;
        while (done < max)
        {
            var missing = await store.MissingEmbeddingsAsync(scope, model, EmbedBatch, ct);
            if (missing.Count == 0)
            {
                break;
            }

            var result = await caller.CallAsync(settings, "embedding", c => embedder.GenerateAsync(missing.Select(EmbeddingText), cancellationToken: c), ct);
            if (result.Value is not { } embeddings || embeddings.Count != missing.Count)
            {
                logger.LogWarning("Embedding {Count} passages with {Model} failed: {Failure}", missing.Count, model, result.Failure);
                break;
            }

            await store.SaveEmbeddingsAsync(model, missing.Select((p, i) => (p.Id, embeddings[i].Vector.ToArray())).ToList(), ct);
            done += missing.Count;
        }

        return done;
    }

    private async Task<LexicalCache> LexicalAsync(KbScope scope, string stamp, CancellationToken ct)
    {
        if (_lexical.TryGetValue(scope, out var cached) && cached.Stamp == stamp)
        {
            return cached;
        }

        var passages = await store.PassagesAsync(scope, ct);
        var built = new LexicalCache(stamp, passages, new Bm25Index(passages.Select(p => (IReadOnlyList<string>)p.Terms)));
        _lexical[scope] = built;
        return built;
    }

    private async Task<List<(long Id, double Similarity)>> SimilarAsync(
        KbScope scope, string stamp, int passages, string question, IEmbeddingGenerator<string, Embedding<float>> embedder, string model, AiSettings settings, CancellationToken ct)
    {
        var key = (scope, model);
        if (!_vectors.TryGetValue(key, out var cached) || cached.Stamp != stamp)
        {
            // New or changed documents are embedded on first use, a bounded amount per question.
            await EmbedMissingAsync(scope, embedder, model, settings, MaxBackfillPerQuery, ct);
            cached = new VectorCache(stamp, await store.EmbeddingsAsync(scope, model, ct));
            if (cached.Vectors.Count >= passages)
            {
                // Kept only once complete, so passages left unembedded (a failed call) are tried again next time.
                _vectors[key] = cached;
            }
        }

        if (cached.Vectors.Count == 0)
        {
            return [];
        }

        var query = await caller.CallAsync(settings with { MaxAttempts = 1 }, "query embedding", c => embedder.GenerateVectorAsync(question, cancellationToken: c), ct);
        if (!query.Succeeded)
        {
            logger.LogWarning("Embedding the question failed, using the lexical index alone: {Failure}", query.Failure);
            return [];
        }

        var q = query.Value.ToArray();
        return cached.Vectors
            .Select(kv => (kv.Key, Similarity: Cosine(q, kv.Value)))
            .OrderByDescending(x => x.Similarity)
            .Take(Candidates)
            .ToList();
    }

    internal static string EmbeddingText(KbPassage p) => p.Heading.Length > 0 ? $"{p.Title} › {p.Heading}\n{p.Text}" : $"{p.Title}\n{p.Text}";

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }
}
