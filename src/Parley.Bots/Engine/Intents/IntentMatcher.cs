using System.Buffers;
using Parley.Bots.Engine.Text;
using Parley.Core.Text;

namespace Parley.Bots.Engine.Intents;

/// <summary>
/// Recognises which intent a message expresses, in any of the definitions' languages, ignoring case and
/// accents and tolerating plurals and typos. Build once (phrases are folded up front) and share: it is
/// immutable and thread-safe.
/// </summary>
/// <remarks>
/// A phrase scores the average, over its words, of the best similarity of that word to any word of the
/// message (1 exact, 0.95 plural, 0.9 inflected prefix, 1 − edits/length for a tolerated typo), and 0 if any
/// word is missing; an intent scores its best phrase. Stop-words take no part. Equal confidences (to four
/// decimals) go to the higher <see cref="IntentDefinition.Priority"/>, then to the earlier definition.
/// </remarks>
public sealed class IntentMatcher(IEnumerable<IntentDefinition> definitions)
{
    /// <summary>The confidence a match needs unless the call or the intent says otherwise.</summary>
    public const double DefaultThreshold = 0.75;

    // Messages up to this many words keep their token table on the stack.
    private const int StackTokenLimit = 128;

    private readonly CompiledIntent[] _intents = Compile(definitions);

    /// <summary>
    /// The best intent whose confidence reaches its own <see cref="IntentDefinition.Threshold"/>, or
    /// <paramref name="threshold"/> when it has none; null when nothing does. Among phrases of one intent that
    /// score the same, one in <paramref name="preferredLanguage"/> ("es" also covers "es-MX") is reported.
    /// </summary>
    public IntentMatch? Match(string? text, string? preferredLanguage = null, double threshold = DefaultThreshold)
    {
        ValidateThreshold(threshold, nameof(threshold));
        var folded = TextNormalizer.ForMatching(text);
        if (folded.Length == 0)
        {
            return null;
        }

        var count = CountTokens(folded);
        MessageToken[]? rented = null;
        var tokens = count <= StackTokenLimit
            ? stackalloc MessageToken[StackTokenLimit]
            : (rented = ArrayPool<MessageToken>.Shared.Rent(count));
        try
        {
            tokens = tokens[..Split(folded, tokens)];
            Candidate? best = null;
            for (var i = 0; i < _intents.Length; i++)
            {
                if (ScoreIntent(i, folded, tokens, preferredLanguage) is { } candidate
                    && candidate.Confidence >= (_intents[i].Threshold ?? threshold)
                    && (best is not { } current || Compare(candidate, current) < 0))
                {
                    best = candidate;
                }
            }

            return best is { } match ? ToMatch(match) : null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<MessageToken>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Every intent with any confidence at all, best first, thresholds not applied.</summary>
    public IReadOnlyList<IntentMatch> Rank(string? text, string? preferredLanguage = null)
    {
        var folded = TextNormalizer.ForMatching(text);
        if (folded.Length == 0)
        {
            return [];
        }

        var tokens = ArrayPool<MessageToken>.Shared.Rent(CountTokens(folded));
        try
        {
            var words = tokens.AsSpan(0, Split(folded, tokens));
            var candidates = new List<Candidate>();
            for (var i = 0; i < _intents.Length; i++)
            {
                if (ScoreIntent(i, folded, words, preferredLanguage) is { } candidate)
                {
                    candidates.Add(candidate);
                }
            }

            candidates.Sort(Compare);
            return candidates.ConvertAll(ToMatch);
        }
        finally
        {
            ArrayPool<MessageToken>.Shared.Return(tokens);
        }
    }

    private Candidate? ScoreIntent(int intent, string folded, ReadOnlySpan<MessageToken> tokens, string? preferredLanguage)
    {
        var phrases = _intents[intent].Phrases;
        Candidate? best = null;
        var bestIsPreferred = false;
        for (var p = 0; p < phrases.Length; p++)
        {
            var confidence = Math.Round(ScorePhrase(phrases[p].Words, folded, tokens), 4);
            if (confidence <= 0.0 || (best is { } current && confidence < current.Confidence))
            {
                continue;
            }

            var isPreferred = IsPreferred(phrases[p].Language, preferredLanguage);
            if (best is { } held && confidence == held.Confidence && (bestIsPreferred || !isPreferred))
            {
                continue;
            }

            best = new Candidate(intent, p, confidence);
            bestIsPreferred = isPreferred;
            if (confidence >= 1.0 && (isPreferred || preferredLanguage is null))
            {
                break;
            }
        }

        return best;
    }

    private static double ScorePhrase(Keyword[] words, string folded, ReadOnlySpan<MessageToken> tokens)
    {
        var text = folded.AsSpan();
        var sum = 0.0;
        foreach (var word in words)
        {
            var best = 0.0;
            foreach (var token in tokens)
            {
                if (token.IsStopWord)
                {
                    continue;
                }

                var score = TokenSimilarity.Score(word, text.Slice(token.Start, token.Length), token.Signature);
                if (score > best)
                {
                    best = score;
                    if (best >= 1.0)
                    {
                        break;
                    }
                }
            }

            // Every word of a phrase has to be there, at least as a typo.
            if (best <= 0.0)
            {
                return 0.0;
            }

            sum += best;
        }

        return sum / words.Length;
    }

    // The folded text has single spaces between words and none at the ends.
    private static int CountTokens(string folded) => folded.AsSpan().Count(' ') + 1;

    private static int Split(string folded, Span<MessageToken> tokens)
    {
        var count = 0;
        var start = 0;
        while (start < folded.Length)
        {
            var end = folded.IndexOf(' ', start);
            if (end < 0)
            {
                end = folded.Length;
            }

            var word = folded.AsSpan(start, end - start);
            tokens[count++] = new MessageToken(start, word.Length, StopWords.Contains(word), TokenSimilarity.Signature(word));
            start = end + 1;
        }

        return count;
    }

    private int Compare(Candidate x, Candidate y)
    {
        var byConfidence = y.Confidence.CompareTo(x.Confidence);
        if (byConfidence != 0)
        {
            return byConfidence;
        }

        var byPriority = _intents[y.Intent].Priority.CompareTo(_intents[x.Intent].Priority);
        return byPriority != 0 ? byPriority : x.Intent.CompareTo(y.Intent);
    }

    private IntentMatch ToMatch(Candidate candidate)
    {
        var intent = _intents[candidate.Intent];
        var phrase = intent.Phrases[candidate.Phrase];
        return new IntentMatch(intent.Name, candidate.Confidence, phrase.Language, phrase.Original);
    }

    private static bool IsPreferred(string language, string? preferred) =>
        preferred is not null
        && preferred.StartsWith(language, StringComparison.OrdinalIgnoreCase)
        && (preferred.Length == language.Length || preferred[language.Length] is '-' or '_');

    private static void ValidateThreshold(double threshold, string name)
    {
        if (double.IsNaN(threshold) || threshold < 0.0 || threshold > 1.0)
        {
            throw new ArgumentOutOfRangeException(name, threshold, "A threshold is a confidence between 0 and 1.");
        }
    }

    private static CompiledIntent[] Compile(IEnumerable<IntentDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var compiled = new List<CompiledIntent>();
        foreach (var definition in definitions)
        {
            ArgumentNullException.ThrowIfNull(definition, nameof(definitions));
            if (string.IsNullOrWhiteSpace(definition.Name))
            {
                throw new ArgumentException("Every intent needs a name.", nameof(definitions));
            }

            if (!names.Add(definition.Name))
            {
                throw new ArgumentException($"The intent '{definition.Name}' is defined twice.", nameof(definitions));
            }

            if (definition.Threshold is { } threshold)
            {
                ValidateThreshold(threshold, $"{nameof(definitions)}[{definition.Name}].{nameof(IntentDefinition.Threshold)}");
            }

            if (definition.Examples is null)
            {
                throw new ArgumentException($"The intent '{definition.Name}' has no examples.", nameof(definitions));
            }

            // Languages in ordinal order, so ties between them do not depend on how a dictionary enumerates.
            var phrases = new List<CompiledPhrase>();
            foreach (var (language, examples) in definition.Examples
                         .Select(pair => (Language: pair.Key.Trim().ToLowerInvariant(), Examples: pair.Value))
                         .OrderBy(pair => pair.Language, StringComparer.Ordinal))
            {
                foreach (var example in examples ?? [])
                {
                    // A phrase of nothing but stop-words ("de la") would match almost every message.
                    var words = TextNormalizer.Tokenize(example)
                        .Where(word => !StopWords.Contains(word))
                        .Select(Keyword.From)
                        .ToArray();
                    if (words.Length > 0)
                    {
                        phrases.Add(new CompiledPhrase(language, example, words));
                    }
                }
            }

            compiled.Add(new CompiledIntent(definition.Name, definition.Priority, definition.Threshold, [.. phrases]));
        }

        return [.. compiled];
    }

    private sealed record CompiledIntent(string Name, int Priority, double? Threshold, CompiledPhrase[] Phrases);

    private sealed record CompiledPhrase(string Language, string Original, Keyword[] Words);

    private readonly record struct Candidate(int Intent, int Phrase, double Confidence);

    private readonly record struct MessageToken(int Start, int Length, bool IsStopWord, ulong Signature);
}
