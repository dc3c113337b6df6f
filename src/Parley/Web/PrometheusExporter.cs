using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Observability;

namespace Parley.Web;

/// <summary>
/// Aggregates the configured meters' measurements with a <see cref="MeterListener"/> (counters and up-down counters
/// summed, gauges last value, histograms into their advised buckets) and writes them as Prometheus text. Only meters
/// of this host's <see cref="IMeterFactory"/> (or global ones like <c>System.Runtime</c>) are read, so two hosts in one
/// process (tests) keep their numbers apart. Instrument names follow the OpenTelemetry-to-Prometheus rules: dots
/// become underscores, the unit is appended (<c>_seconds</c>, <c>_bytes</c>) and counters end in <c>_total</c>.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] DefaultSecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener;
    private readonly IMeterFactory _factory;
    private readonly HashSet<string> _meters;
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();
    private readonly Lock _scrapeLock = new();

    public PrometheusExporter(IMeterFactory factory, IOptions<TelemetryOptions> options)
    {
        _factory = factory;
        _meters = options.Value.MeterNames().ToHashSet(StringComparer.Ordinal);
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (Wanted(instrument))
                {
                    listener.EnableMeasurementEvents(instrument, _instruments.GetOrAdd(instrument, i => new InstrumentState(i)));
                }
            },
            MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentState? _),
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<short>((i, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<byte>((i, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<decimal>((i, v, tags, state) => ((InstrumentState)state!).Record((double)v, tags));
        _listener.Start();
    }

    /// <summary>Collects the observable instruments and writes every series.</summary>
    public string Scrape()
    {
        lock (_scrapeLock)
        {
            foreach (var state in _instruments.Values)
            {
                state.BeginObservation();
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder(16 * 1024);
            foreach (var group in _instruments.Values.GroupBy(s => s.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = group.First();
                text.Append("# HELP ").Append(first.Name).Append(' ').Append(EscapeHelp(first.Help)).Append('\n');
                text.Append("# TYPE ").Append(first.Name).Append(' ').Append(first.TypeName).Append('\n');
                foreach (var state in group)
                {
                    state.Write(text);
                }
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private bool Wanted(Instrument instrument) =>
        _meters.Contains(instrument.Meter.Name) && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, _factory));

    internal static string MetricName(Instrument instrument)
    {
        var name = Sanitize(instrument.Name, metric: true);
        var unit = UnitSuffix(instrument.Unit);
        if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        var monotonic = IsMonotonic(instrument);
        if (!monotonic && !IsHistogram(instrument) && name.EndsWith("_count", StringComparison.Ordinal))
        {
            // "_count" belongs to histograms and summaries: dotnet.assembly.count {assembly} becomes dotnet_assemblies.
            name = CountName(name[..^"_count".Length], instrument.Unit);
        }

        if (monotonic && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>
    /// Observable counters of the runtime whose values go down as well as up (upstream publishes them as counters):
    /// exported as gauges, which is what they are.
    /// </summary>
    private static readonly HashSet<string> NotMonotonic = new(StringComparer.Ordinal)
    {
        "dotnet.thread_pool.queue.length",
        "dotnet.thread_pool.thread.count",
    };

    private static bool IsMonotonic(Instrument instrument)
    {
        var type = instrument.GetType();
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return (generic == typeof(Counter<>) || generic == typeof(ObservableCounter<>)) && !NotMonotonic.Contains(instrument.Name);
    }

    private static bool IsHistogram(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Histogram<>);
    }

    /// <summary>A gauge that counts things is named for them: <c>dotnet_timer</c> with unit <c>{timer}</c> becomes <c>dotnet_timers</c>.</summary>
    private static string CountName(string stem, string? unit)
    {
        if (unit is { Length: > 2 } && unit[0] == '{' && unit[^1] == '}')
        {
            var thing = Sanitize(unit[1..^1], metric: true);
            var plural = thing.Length > 1 && thing.EndsWith('y') && !"aeiou".Contains(thing[^2], StringComparison.Ordinal)
                ? thing[..^1] + "ies"
                : thing.EndsWith('s') ? thing : thing + "s";
            return stem.EndsWith(thing, StringComparison.Ordinal) ? stem[..^thing.Length] + plural : stem + "_" + plural;
        }

        return stem + "_items";
    }

    /// <summary>OpenTelemetry's unit-to-Prometheus mapping for the units in use; annotations (<c>{message}</c>) are dropped.</summary>
    private static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => "",
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        _ when unit.StartsWith('{') => "",
        _ => Sanitize(unit, metric: true),
    };

    internal static string Sanitize(string name, bool metric)
    {
        var b = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            b.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (metric && c == ':') ? c : '_');
        }

        if (b.Length == 0 || char.IsAsciiDigit(b[0]))
        {
            b.Insert(0, '_');
        }

        return b.ToString();
    }

    internal static string EscapeHelp(string? help) =>
        (help ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string FormatNumber(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    private enum Kind
    {
        Sum,
        LastValue,
        Histogram,
    }

    /// <summary>One instrument's series, keyed by their rendered label set.</summary>
    private sealed class InstrumentState
    {
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);
        private readonly Kind _kind;
        private readonly bool _observable;
        private readonly bool _monotonic;
        private readonly double[] _bounds = [];

        public InstrumentState(Instrument instrument)
        {
            Name = MetricName(instrument);
            Help = instrument.Description ?? instrument.Name;
            _observable = instrument.IsObservable;
            _monotonic = IsMonotonic(instrument);
            var type = instrument.GetType();
            var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
            if (generic == typeof(Histogram<>))
            {
                _kind = Kind.Histogram;
                _bounds = Bounds(instrument);
            }
            else if (generic == typeof(Counter<>) || generic == typeof(UpDownCounter<>))
            {
                _kind = Kind.Sum;
            }
            else
            {
                // Observable counters report their running total, gauges their current value: both are "last value".
                _kind = Kind.LastValue;
            }

            TypeName = _kind == Kind.Histogram ? "histogram" : _monotonic ? "counter" : "gauge";
        }

        public string Name { get; }
        public string Help { get; }
        public string TypeName { get; }

        public void BeginObservation()
        {
            if (_observable)
            {
                // Observable series are re-reported on every collection; ones no longer reported disappear.
                _series.Clear();
            }
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = Labels(tags);
            var series = _series.GetOrAdd(key, static (_, bounds) => new Series(bounds.Length), _bounds);
            lock (series)
            {
                switch (_kind)
                {
                    case Kind.Sum:
                        series.Value += value;
                        break;
                    case Kind.LastValue:
                        series.Value = value;
                        break;
                    default:
                        var i = 0;
                        while (i < _bounds.Length && value > _bounds[i])
                        {
                            i++;
                        }

                        series.Buckets[i]++;
                        series.Value += value;
                        series.Count++;
                        break;
                }
            }
        }

        public void Write(StringBuilder text)
        {
            foreach (var (labels, series) in _series.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                lock (series)
                {
                    if (_kind != Kind.Histogram)
                    {
                        text.Append(Name).Append(Braces(labels)).Append(' ').Append(FormatNumber(series.Value)).Append('\n');
                        continue;
                    }

                    long cumulative = 0;
                    for (var i = 0; i <= _bounds.Length; i++)
                    {
                        cumulative += series.Buckets[i];
                        var le = i < _bounds.Length ? FormatNumber(_bounds[i]) : "+Inf";
                        text.Append(Name).Append("_bucket{").Append(labels).Append(labels.Length > 0 ? "," : "")
                            .Append("le=\"").Append(le).Append("\"} ").Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    }

                    text.Append(Name).Append("_sum").Append(Braces(labels)).Append(' ').Append(FormatNumber(series.Value)).Append('\n');
                    text.Append(Name).Append("_count").Append(Braces(labels)).Append(' ').Append(series.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        private static string Braces(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";

        /// <summary>Renders the tags as a sorted Prometheus label list (without braces); the rendering is the series key.</summary>
        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 0)
            {
                return "";
            }

            var sorted = tags.ToArray();
            if (sorted.Length > 1)
            {
                Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            }

            var b = new StringBuilder();
            foreach (var (k, v) in sorted)
            {
                if (b.Length > 0)
                {
                    b.Append(',');
                }

                var value = v switch
                {
                    null => "",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => v.ToString() ?? "",
                };
                b.Append(Sanitize(k, metric: false)).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
            }

            return b.ToString();
        }

        private static double[] Bounds(Instrument instrument)
        {
            IReadOnlyList<double>? advised = instrument switch
            {
                Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
                Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(x => (double)x).ToList(),
                Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(x => (double)x).ToList(),
                Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(x => (double)x).ToList(),
                _ => null,
            };
            return advised is { Count: > 0 } ? [.. advised.Order()] : instrument.Unit == "s" ? DefaultSecondsBuckets : DefaultBuckets;
        }
    }

    private sealed class Series(int bounds)
    {
        public double Value;
        public long Count;
        public readonly long[] Buckets = new long[bounds + 1];
    }
}
