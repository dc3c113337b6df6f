using System.Collections.Concurrent;

namespace Parley.Core.Operators;

/// <summary>
/// Failed sign-ins per client network (an IPv4 address or an IPv6 /64, see <see cref="Hosting.ClientNetwork"/>): after
/// <see cref="MaxFailures"/> failures within <see cref="Window"/> the network's attempts are refused without checking a
/// password until the oldest failure leaves the window. Whatever account they aimed at: this limit tells nothing about
/// accounts. Kept in memory per instance (the per-account delay in the database is what holds across instances).
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailures = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    // Past this many networks, entries whose failures all left the window are dropped before adding another.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Queue<long>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="network"/> must wait before its next attempt is checked; zero when it may try now.</summary>
    public TimeSpan Wait(string network)
    {
        if (!_failures.TryGetValue(network, out var queue))
        {
            return TimeSpan.Zero;
        }

        var now = time.GetTimestamp();
        lock (queue)
        {
            Expire(queue, now);
            return queue.Count < MaxFailures ? TimeSpan.Zero : time.GetElapsedTime(now, queue.Peek() + Ticks(Window)).Duration();
        }
    }

    public void RecordFailure(string network)
    {
        if (_failures.Count > PruneAbove)
        {
            Prune();
        }

        var now = time.GetTimestamp();
        var queue = _failures.GetOrAdd(network, _ => new Queue<long>());
        lock (queue)
        {
            Expire(queue, now);
            queue.Enqueue(now);
            // Only the newest MaxFailures matter for the decision.
            while (queue.Count > MaxFailures)
            {
                queue.Dequeue();
            }
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private void Expire(Queue<long> queue, long now)
    {
        var oldest = now - Ticks(Window);
        while (queue.Count > 0 && queue.Peek() <= oldest)
        {
            queue.Dequeue();
        }
    }

    private void Prune()
    {
        var now = time.GetTimestamp();
        foreach (var (network, queue) in _failures)
        {
            lock (queue)
            {
                Expire(queue, now);
                if (queue.Count == 0)
                {
                    _failures.TryRemove(network, out _);
                }
            }
        }
    }
}
