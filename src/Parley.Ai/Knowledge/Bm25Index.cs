namespace Parley.Ai.Knowledge;

/// <summary>
/// Okapi BM25 over analyzed terms, in memory. Besides the score it reports coverage: the share of the query's
/// weight (idf) a passage matches. Coverage, unlike a raw score, means the same in a tiny and a large knowledge
/// base, so it decides whether a passage is relevant at all.
/// </summary>
public sealed class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly List<Dictionary<string, int>> _frequencies = [];
    private readonly List<int> _lengths = [];
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private double _averageLength;

    public Bm25Index(IEnumerable<IReadOnlyList<string>> documents)
    {
        foreach (var terms in documents)
        {
            var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var term in terms)
            {
                frequencies[term] = frequencies.GetValueOrDefault(term) + 1;
            }

            foreach (var term in frequencies.Keys)
            {
                _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
            }

            _frequencies.Add(frequencies);
            _lengths.Add(terms.Count);
        }

        _averageLength = _lengths.Count == 0 ? 0 : _lengths.Average();
    }

    public int Count => _frequencies.Count;

    public double Idf(string term)
    {
        var df = _documentFrequency.GetValueOrDefault(term);
        return Math.Log(1 + ((Count - df + 0.5) / (df + 0.5)));
    }

    /// <summary>Passages with at least one query term, best first.</summary>
    public List<LexicalHit> Search(IReadOnlyList<string> query, int top)
    {
        var terms = query.Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0 || Count == 0)
        {
            return [];
        }

        // A word no passage has (a typo, or one the question could do without) weighs like the rarest known word,
        // not more: otherwise one stray word would make every good match look irrelevant.
        var rarest = Math.Log(1 + ((Count - 1 + 0.5) / 1.5));
        var weights = terms.ToDictionary(t => t, t => _documentFrequency.ContainsKey(t) ? Idf(t) : rarest, StringComparer.Ordinal);
        var total = weights.Values.Sum();
        var hits = new List<LexicalHit>();
        for (var i = 0; i < Count; i++)
        {
            double score = 0, matched = 0;
            var frequencies = _frequencies[i];
            foreach (var term in terms)
            {
                if (!frequencies.TryGetValue(term, out var tf))
                {
                    continue;
                }

                var idf = weights[term];
                matched += idf;
                score += idf * (tf * (K1 + 1)) / (tf + (K1 * (1 - B + (B * _lengths[i] / _averageLength))));
            }

            if (score > 0)
            {
                hits.Add(new LexicalHit(i, score, total > 0 ? matched / total : 0));
            }
        }

        return hits.OrderByDescending(h => h.Score).ThenBy(h => h.Index).Take(top).ToList();
    }
}
