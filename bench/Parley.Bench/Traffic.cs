using System.Collections.Concurrent;
using System.Diagnostics;

namespace Parley.Bench;

/// <summary>One inbound message the bench sent: when it was meant to go, how it was acknowledged and answered.</summary>
public sealed class SentMessage(long seq, int contact, string waId, string wamid, byte[] body, string signature, long intended)
{
    public long Seq { get; } = seq;
    public int Contact { get; } = contact;
    public string WaId { get; } = waId;
    public string Wamid { get; } = wamid;
    public byte[] Body { get; } = body;
    public string Signature { get; } = signature;

    /// <summary>Intended time of the first delivery (Stopwatch ticks).</summary>
    public long Intended { get; } = intended;

    /// <summary>Set once any delivery of it got a 2xx: Parley then owes it exactly one answer.</summary>
    public bool Acked;
    public int Deliveries;
    public long FirstReplyAt;
    public int Replies;
}

/// <summary>Latency and outcome counts of one kind of delivery inside the measured window.</summary>
public sealed class KindStats
{
    public LatencyHistogram Latency { get; } = new();
    public LatencyHistogram RejectedLatency { get; } = new();
    public long Sent;
    public long Acked;
    public long Failed;
    public long Rejected;
    public readonly ConcurrentDictionary<int, long> Statuses = new();
}

/// <summary>
/// The bench's ledger: every message sent (by sequence number), every completion and every reply the fake Graph
/// API received, split by the measured window (intended send time inside [start, end)).
/// </summary>
public sealed class Traffic
{
    private readonly ConcurrentDictionary<RequestKind, KindStats> _kinds = new();
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private long _lastAnswer;

    public ConcurrentDictionary<long, SentMessage> Messages { get; } = new();

    public LatencyHistogram EndToEnd { get; } = new();

    /// <summary>Every 2xx latency, in or out of the window (the kill scenario looks at outliers).</summary>
    public LatencyHistogram AllEndToEnd { get; } = new();

    public long WindowStart => Interlocked.Read(ref _windowStart);

    public long WindowEnd => Interlocked.Read(ref _windowEnd);

    public double WindowSeconds => (WindowEnd - WindowStart) / (double)Stopwatch.Frequency;

    /// <summary>Completions after this (Stopwatch ticks) go to the second phase's statistics (forged scenario).</summary>
    public long PhaseSplit { get; set; } = long.MaxValue;

    public KindStats Kind(RequestKind kind, int phase = 0) => _kinds.GetOrAdd(phase == 0 ? kind : (RequestKind)((int)kind + (100 * phase)), _ => new KindStats());

    public void StartWindow(TimeSpan length)
    {
        var now = LoadGenerator.Now;
        Interlocked.Exchange(ref _windowEnd, now + LoadGenerator.Ticks(length));
        Interlocked.Exchange(ref _windowStart, now);
    }

    public bool InWindow(long intended) => intended >= WindowStart && intended < WindowEnd;

    /// <summary>Called after each completion is recorded (redelivery logic of the fault scenarios).</summary>
    public Action<Completion>? OnCompleted { get; set; }

    public void Completed(Completion c)
    {
        Record(c);
        OnCompleted?.Invoke(c);
    }

    /// <summary>Legitimate deliveries (not forged) acknowledged at any time, warm-up included.</summary>
    public long TotalAcked => Interlocked.Read(ref _totalAcked);

    private long _totalAcked;

    private void Record(Completion c)
    {
        if (c.Acked && c.Request.Kind is not (RequestKind.Forged or RequestKind.Baseline))
        {
            Interlocked.Increment(ref _totalAcked);
        }

        if (c.Acked && c.Request.Kind is RequestKind.Message or RequestKind.Duplicate && Messages.TryGetValue(c.Request.Tag, out var m))
        {
            m.Acked = true;
        }

        if (!InWindow(c.Intended))
        {
            return;
        }

        var stats = Kind(c.Request.Kind, c.Intended >= PhaseSplit ? 1 : 0);
        Interlocked.Increment(ref stats.Sent);
        stats.Statuses.AddOrUpdate(c.Status, 1, (_, n) => n + 1);
        if (c.Acked)
        {
            Interlocked.Increment(ref stats.Acked);
            stats.Latency.RecordMs(c.LatencyMs);
        }
        else if (c.Status == 0)
        {
            Interlocked.Increment(ref stats.Failed);
        }
        else
        {
            Interlocked.Increment(ref stats.Rejected);
            // Rejections are answers too (the forged flood): their latency is worth knowing.
            stats.RejectedLatency.RecordMs(c.LatencyMs);
        }
    }

    /// <summary>An echo arrived at the fake Graph API for message <paramref name="seq"/> at <paramref name="at"/>.</summary>
    public void Answered(long seq, long at)
    {
        if (!Messages.TryGetValue(seq, out var m))
        {
            return;
        }

        if (Interlocked.Increment(ref m.Replies) != 1)
        {
            return;
        }

        m.FirstReplyAt = at;
        var ms = (at - m.Intended) * 1000.0 / Stopwatch.Frequency;
        AllEndToEnd.RecordMs(ms);
        if (InWindow(m.Intended))
        {
            EndToEnd.RecordMs(ms);
            long seen;
            while (at > (seen = Interlocked.Read(ref _lastAnswer)) && Interlocked.CompareExchange(ref _lastAnswer, at, seen) != seen)
            {
            }
        }
    }

    public IEnumerable<SentMessage> WindowMessages => Messages.Values.Where(m => InWindow(m.Intended));

    /// <summary>Answered window messages per second, over the window or until the last answer, whichever is longer.</summary>
    public double EndToEndRps()
    {
        var answered = WindowMessages.Count(m => m.Replies > 0);
        var until = Math.Max(WindowEnd, Interlocked.Read(ref _lastAnswer));
        var seconds = (until - WindowStart) / (double)Stopwatch.Frequency;
        return seconds <= 0 ? 0 : answered / seconds;
    }

    /// <summary>Acknowledged deliveries per second in the window (messages, statuses and duplicates; not forged ones).</summary>
    public double AckRps(int phase = 0) =>
        new[] { RequestKind.Message, RequestKind.Status, RequestKind.Duplicate }.Sum(k => Kind(k, phase).Acked) / WindowSeconds;

    /// <summary>All acknowledged deliveries' latency in the window (messages, statuses, duplicates).</summary>
    public LatencyHistogram AckLatency(int phase = 0)
    {
        var all = new LatencyHistogram();
        foreach (var k in new[] { RequestKind.Message, RequestKind.Status, RequestKind.Duplicate })
        {
            all.Add(Kind(k, phase).Latency);
        }

        return all;
    }
}
