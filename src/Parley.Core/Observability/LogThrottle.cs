using System.Collections.Concurrent;

namespace Parley.Core.Observability;

/// <summary>
/// Lets a repetitive warning through at most once per interval per key and counts the ones held back, so a flood
/// (forged webhooks, a provider outage) cannot turn into a flood of log lines that slows every request down. The
/// metrics still count every occurrence.
/// </summary>
public sealed class LogThrottle(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>True when this occurrence should be logged; <paramref name="suppressed"/> is how many were held back since the last one.</summary>
    public bool ShouldLog(string key, out long suppressed)
    {
        var now = time.GetTimestamp();
        var window = _windows.GetOrAdd(key, _ => new Window());
        lock (window)
        {
            if (window.LoggedAt is { } last && time.GetElapsedTime(last, now) < Interval)
            {
                window.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = window.Suppressed;
            window.Suppressed = 0;
            window.LoggedAt = now;
            return true;
        }
    }

    private sealed class Window
    {
        public long? LoggedAt;
        public long Suppressed;
    }
}
