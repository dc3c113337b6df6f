using System.Buffers;

namespace Parley.Bots.Engine.Text;

/// <summary>
/// Edit distance with adjacent transpositions (the "optimal string alignment" variant of
/// Damerau-Levenshtein): insertions, deletions, substitutions and swaps of two neighbours cost 1 each,
/// and no substring is edited twice. Compares UTF-16 code units, ordinally.
/// </summary>
public static class DamerauLevenshtein
{
    // Three rows of this many ints fit comfortably on the stack; longer inputs rent from the pool.
    private const int StackRowLimit = 64;

    /// <summary>
    /// The distance between <paramref name="source"/> and <paramref name="target"/>, or
    /// <c>maxDistance + 1</c> as soon as it is certain to exceed <paramref name="maxDistance"/>.
    /// </summary>
    public static int Distance(ReadOnlySpan<char> source, ReadOnlySpan<char> target, int maxDistance = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        var exceeded = maxDistance == int.MaxValue ? int.MaxValue : maxDistance + 1;

        if (Math.Abs(source.Length - target.Length) > maxDistance)
        {
            return exceeded;
        }

        // A shared prefix or suffix never changes the distance; dropping it keeps the table small.
        var prefix = source.CommonPrefixLength(target);
        source = source[prefix..];
        target = target[prefix..];
        var suffix = CommonSuffixLength(source, target);
        source = source[..^suffix];
        target = target[..^suffix];

        if (source.Length == 0 || target.Length == 0)
        {
            var d = Math.Max(source.Length, target.Length);
            return d > maxDistance ? exceeded : d;
        }

        var width = target.Length + 1;
        int[]? rented = null;
        var rows = width <= StackRowLimit
            ? stackalloc int[3 * width]
            : (rented = ArrayPool<int>.Shared.Rent(3 * width)).AsSpan(0, 3 * width);
        try
        {
            return Compute(source, target, maxDistance, exceeded, rows, width);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>1 − distance / longer length, in [0, 1]; two empty strings are identical (1).</summary>
    public static double Similarity(ReadOnlySpan<char> source, ReadOnlySpan<char> target)
    {
        var longer = Math.Max(source.Length, target.Length);
        return longer == 0 ? 1.0 : 1.0 - (double)Distance(source, target) / longer;
    }

    private static int Compute(ReadOnlySpan<char> s, ReadOnlySpan<char> t, int maxDistance, int exceeded, Span<int> rows, int width)
    {
        var beforePrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);

        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= s.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j < width; j++)
            {
                var cost = s[i - 1] == t[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1])
                {
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            // Every later cell is at least the smallest cell of this row (a transposition reaches back
            // two rows, but the substitution through this row is never more expensive), so stop here.
            if (rowMin > maxDistance)
            {
                return exceeded;
            }

            var recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }

        var distance = previous[width - 1];
        return distance > maxDistance ? exceeded : distance;
    }

    private static int CommonSuffixLength(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var n = 0;
        var max = Math.Min(a.Length, b.Length);
        while (n < max && a[a.Length - 1 - n] == b[b.Length - 1 - n])
        {
            n++;
        }

        return n;
    }
}
