using System.Globalization;
using Parley.Bots.Engine.Intents;
using Parley.Bots.Engine.Text;
using Parley.Core.Text;

namespace Parley.Bots.Engine.DataSources;

/// <summary>
/// Picks the row a message names: "info del evento noche de alabanza" → the row whose <c>name</c> is
/// "Noche de Alabanza". Each word of the chosen columns is looked for in the message with the intent
/// matcher's tolerance (accents, case, plurals, typos); a row scores the words it has in the message.
/// Words that most rows share ("Ministerio" in every ministry's name) say nothing and are not counted.
/// </summary>
public static class RowMatcher
{
    /// <summary>How alike a word of the message and a word of a row must be.</summary>
    public const double WordThreshold = 0.8;

    /// <summary>The best row, or null when no row shares a telling word with the message. Ties go to the earlier row.</summary>
    public static IReadOnlyDictionary<string, object?>? Best(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, IReadOnlyList<string> columns, string? message)
    {
        if (rows.Count == 0 || columns.Count == 0)
        {
            return null;
        }

        var tokens = TextNormalizer.Tokenize(message).Where(t => !StopWords.Contains(t)).Select(Keyword.From).ToList();
        if (tokens.Count == 0)
        {
            return null;
        }

        var rowWords = rows.Select(r => Words(r, columns)).ToList();

        // With three rows or more, a word that (give or take a plural or typo) is in more than half of them tells none apart.
        var common = new HashSet<string>(StringComparer.Ordinal);
        if (rows.Count >= 3)
        {
            foreach (var word in rowWords.SelectMany(w => w).DistinctBy(w => w.Text))
            {
                var inRows = rowWords.Count(words => words.Any(other => TokenSimilarity.Score(word, other.Text, other.Signature) >= WordThreshold));
                if (inRows * 2 > rows.Count)
                {
                    common.Add(word.Text);
                }
            }
        }

        IReadOnlyDictionary<string, object?>? best = null;
        var bestScore = 0.0;
        for (var r = 0; r < rows.Count; r++)
        {
            var words = rowWords[r].Where(w => !common.Contains(w.Text)).ToList();
            if (words.Count == 0)
            {
                continue;
            }

            var matched = 0.0;
            foreach (var word in words)
            {
                var score = tokens.Max(t => TokenSimilarity.Score(word, t.Text, t.Signature));
                matched += score >= WordThreshold ? score : 0.0;
            }

            // The row with the most words found wins; among equals, the earlier row (the query's order decides).
            if (matched > bestScore)
            {
                bestScore = matched;
                best = rows[r];
            }
        }

        return best;
    }

    private static HashSet<Keyword> Words(IReadOnlyDictionary<string, object?> row, IReadOnlyList<string> columns)
    {
        var words = new HashSet<Keyword>();
        foreach (var column in columns)
        {
            if (row.TryGetValue(column, out var value) && value is not null)
            {
                foreach (var token in TextNormalizer.Tokenize(Convert.ToString(value, CultureInfo.InvariantCulture)))
                {
                    if (!StopWords.Contains(token) && token.Length > 1)
                    {
                        words.Add(Keyword.From(token));
                    }
                }
            }
        }

        return words;
    }
}
