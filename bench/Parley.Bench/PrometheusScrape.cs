using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Bench;

/// <summary>
/// One reading of Parley's <c>/metrics</c>, parsed: every series by its full name with labels. Two readings give the
/// server's own view of a window (counter deltas, histogram quantiles from bucket deltas, as Prometheus computes them).
/// </summary>
public sealed partial class PrometheusScrape
{
    private readonly Dictionary<string, double> _series = new(StringComparer.Ordinal);

    public static PrometheusScrape Empty { get; } = new();

    /// <summary>The text as Parley served it.</summary>
    public string Text { get; private set; } = "";

    public static async Task<PrometheusScrape> ReadAsync(HttpClient client, Uri baseUrl)
    {
        var scrape = new PrometheusScrape();
        try
        {
            var text = await client.GetStringAsync(new Uri(baseUrl, "/metrics"));
            scrape.Text = text;
            foreach (var line in text.Split('\n'))
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var space = line.LastIndexOf(' ');
                if (space > 0 && double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    scrape._series[line[..space]] = value;
                }
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }

        return scrape;
    }

    /// <summary>The sum of every series of <paramref name="metric"/> whose labels satisfy <paramref name="labels"/>.</summary>
    public double Sum(string metric, Func<string, bool>? labels = null) =>
        _series.Where(kv => Name(kv.Key) == metric && (labels?.Invoke(Labels(kv.Key)) ?? true)).Sum(kv => kv.Value);

    /// <summary>The <paramref name="q"/> quantile (0..1) of a histogram over the window since <paramref name="before"/>, in the metric's unit.</summary>
    public double Quantile(PrometheusScrape before, string metric, double q, Func<string, bool>? labels = null)
    {
        var buckets = Buckets(metric, labels);
        var earlier = before.Buckets(metric, labels);
        var deltas = buckets.Select(b => (Le: b.Key, Count: b.Value - earlier.GetValueOrDefault(b.Key))).OrderBy(b => b.Le).ToList();
        if (deltas.Count == 0 || deltas[^1].Count <= 0)
        {
            return double.NaN;
        }

        var rank = q * deltas[^1].Count;
        double lowerEdge = 0, lowerCount = 0;
        foreach (var (le, count) in deltas)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(le))
                {
                    return lowerEdge;
                }

                // Linear inside the bucket, like Prometheus' histogram_quantile.
                return count == lowerCount ? le : lowerEdge + ((le - lowerEdge) * (rank - lowerCount) / (count - lowerCount));
            }

            lowerEdge = le;
            lowerCount = count;
        }

        return lowerEdge;
    }

    private Dictionary<double, double> Buckets(string metric, Func<string, bool>? labels)
    {
        var result = new Dictionary<double, double>();
        foreach (var (key, value) in _series)
        {
            if (Name(key) != metric + "_bucket")
            {
                continue;
            }

            var all = Labels(key);
            var m = LeLabel().Match(all);
            if (!m.Success)
            {
                continue;
            }

            var rest = LeLabel().Replace(all, "");
            if (labels is not null && !labels(rest))
            {
                continue;
            }

            var le = m.Groups[1].Value == "+Inf" ? double.PositiveInfinity : double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            result[le] = result.GetValueOrDefault(le) + value;
        }

        return result;
    }

    private static string Name(string series)
    {
        var brace = series.IndexOf('{', StringComparison.Ordinal);
        return brace < 0 ? series : series[..brace];
    }

    private static string Labels(string series)
    {
        var brace = series.IndexOf('{', StringComparison.Ordinal);
        return brace < 0 ? "" : series[(brace + 1)..^1];
    }

    [GeneratedRegex("(?:^|,)le=\"([^\"]+)\"")]
    private static partial Regex LeLabel();
}
