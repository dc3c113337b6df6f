using System.Globalization;

namespace Parley.Bench;

/// <summary>
/// A log-linear latency histogram in the spirit of HdrHistogram: values in microseconds, each power-of-two range split
/// into 64 linear sub-buckets, so any recorded value is off by at most 1/64 (~1.6 %) from the bucket it lands in,
/// from 1 µs up to about 35 minutes. Recording is lock-free (one interlocked increment); merging and percentiles
/// are for reporting. Fixed memory: 28 × 64 counters.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int Ranges = 28;

    private readonly long[] _counts = new long[Ranges * SubBuckets];
    private long _count;
    private long _sum;
    private long _max;
    private long _min = long.MaxValue;

    public long Count => Interlocked.Read(ref _count);

    public double MaxMs => Interlocked.Read(ref _max) / 1000.0;

    public double MinMs => Count == 0 ? 0 : Interlocked.Read(ref _min) / 1000.0;

    public double MeanMs => Count == 0 ? 0 : Interlocked.Read(ref _sum) / 1000.0 / Count;

    public void RecordMs(double milliseconds) => Record((long)Math.Round(milliseconds * 1000));

    public void Record(TimeSpan elapsed) => Record((long)(elapsed.Ticks / (TimeSpan.TicksPerMillisecond / 1000.0)));

    /// <summary>Records one value in microseconds (negative values count as zero).</summary>
    public void Record(long micros)
    {
        micros = Math.Max(0, micros);
        Interlocked.Increment(ref _counts[Index(micros)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, micros);
        long seen;
        while (micros > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, micros, seen) != seen)
        {
        }

        while (micros < (seen = Interlocked.Read(ref _min)) && Interlocked.CompareExchange(ref _min, micros, seen) != seen)
        {
        }
    }

    /// <summary>The value below which <paramref name="percentile"/> % of the recorded values lie, in milliseconds.</summary>
    public double PercentileMs(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(percentile / 100.0 * total);
        rank = Math.Clamp(rank, 1, total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                // The bucket's upper edge, never above the largest value seen.
                return Math.Min(UpperEdge(i), Interlocked.Read(ref _max)) / 1000.0;
            }
        }

        return MaxMs;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            var c = Interlocked.Read(ref other._counts[i]);
            if (c > 0)
            {
                Interlocked.Add(ref _counts[i], c);
            }
        }

        Interlocked.Add(ref _count, other.Count);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        if (other.Count > 0)
        {
            Interlocked.Exchange(ref _max, Math.Max(Interlocked.Read(ref _max), Interlocked.Read(ref other._max)));
            Interlocked.Exchange(ref _min, Math.Min(Interlocked.Read(ref _min), Interlocked.Read(ref other._min)));
        }
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} p50={PercentileMs(50):0.00} p90={PercentileMs(90):0.00} p99={PercentileMs(99):0.00} p99.9={PercentileMs(99.9):0.00} max={MaxMs:0.00} ms");

    /// <summary>0–127 µs one by one; above, range r (value in [2^(r+5), 2^(r+6)) µs) in 64 linear steps.</summary>
    internal static int Index(long micros)
    {
        if (micros < 2 * SubBuckets)
        {
            return (int)micros;
        }

        var magnitude = 63 - (int)long.LeadingZeroCount(micros); // floor(log2), at least 7
        var range = magnitude - SubBucketBits + 1;
        if (range >= Ranges)
        {
            return (Ranges * SubBuckets) - 1;
        }

        var sub = (int)((micros >> (magnitude - SubBucketBits)) - SubBuckets); // 0..63
        return (range * SubBuckets) + sub;
    }

    /// <summary>The largest value (µs) that lands in bucket <paramref name="index"/>.</summary>
    internal static long UpperEdge(int index)
    {
        if (index < 2 * SubBuckets)
        {
            return index;
        }

        var range = index / SubBuckets;
        var sub = index % SubBuckets;
        return ((SubBuckets + sub + 1L) << (range - 1)) - 1;
    }
}
