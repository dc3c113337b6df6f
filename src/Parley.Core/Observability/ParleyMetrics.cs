using System.Diagnostics.Metrics;
using Parley.Core.Messaging;
using Parley.Core.Outbound;

namespace Parley.Core.Observability;

/// <summary>
/// Parley's own instruments, on the <c>Parley</c> meter (System.Diagnostics.Metrics): what came in, what went out,
/// how long processing and provider calls took, and how much work is queued. <c>GET /metrics</c> exposes them in
/// Prometheus text format and, when an endpoint is configured, the OTLP exporter sends them on.
/// The recording methods are one call each so the pipeline stays readable where it is instrumented.
/// </summary>
public sealed class ParleyMetrics
{
    public const string MeterName = "Parley";

    /// <summary>Seconds: fine steps below 100 ms where the latency goals are, coarse ones for retries and stalls.</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets =
        [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _received;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _statuses;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _processing;
    private readonly Histogram<double> _inboundLag;
    private readonly Histogram<double> _provider;
    private readonly Histogram<double> _intake;

    public ParleyMetrics(IMeterFactory meters, QueueDepthProbe? queueDepth = null)
    {
        Meter = meters.Create(MeterName);
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets };
        _received = Meter.CreateCounter<long>("parley.messages.received", "{message}", "Inbound messages stored for the first time, by provider.");
        _duplicates = Meter.CreateCounter<long>("parley.messages.duplicates", "{message}", "Redelivered inbound messages that were already stored (no-ops), by provider.");
        _statuses = Meter.CreateCounter<long>("parley.statuses.received", "{status}", "Delivery statuses received in webhooks, by provider.");
        _sent = Meter.CreateCounter<long>("parley.messages.sent", "{message}", "Outbound messages the provider accepted, by provider.");
        _failures = Meter.CreateCounter<long>("parley.send.failures", "{message}", "Outbound messages given up on, by reason (the error code).");
        _retries = Meter.CreateCounter<long>("parley.retries", "{attempt}", "Attempts scheduled for retry, by queue (inbound, outbound).");
        _rejected = Meter.CreateCounter<long>("parley.webhooks.rejected", "{request}", "Webhook requests refused before anything was stored, by provider and reason.");
        _processing = Meter.CreateHistogram("parley.processing.duration", "s", "Time to process one inbound message: bot, replies queued, committed.", advice: seconds);
        _inboundLag = Meter.CreateHistogram("parley.inbound.lag", "s", "Time from an inbound message being stored to its replies being queued.", advice: seconds);
        _provider = Meter.CreateHistogram("parley.provider.request.duration", "s", "Time of one send call to the provider, by provider and outcome.", advice: seconds);
        _intake = Meter.CreateHistogram("parley.intake.duration", "s", "Time to store one webhook delivery durably (one transaction), by provider.", advice: seconds);
        if (queueDepth is not null)
        {
            Meter.CreateObservableGauge("parley.queue.depth", queueDepth.Observe, "{message}", "Messages waiting in each queue (inbound, outbound), across instances; refreshed at most every 5 s.");
        }
    }

    public Meter Meter { get; }

    /// <summary>One webhook delivery stored: its new messages, duplicates, statuses and the time the transaction took.</summary>
    public void Stored(InboundBatch batch, int newMessages, TimeSpan elapsed)
    {
        var provider = new KeyValuePair<string, object?>("provider", batch.Provider);
        Add(_received, newMessages, provider);
        Add(_duplicates, batch.Messages.Count - newMessages, provider);
        Add(_statuses, batch.Statuses.Count, provider);
        _intake.Record(elapsed.TotalSeconds, provider);
    }

    /// <summary>One inbound message processed: the processing time and how long it waited since it was stored.</summary>
    public void Processed(TimeSpan elapsed, TimeSpan sinceStored)
    {
        _processing.Record(elapsed.TotalSeconds);
        _inboundLag.Record(Math.Max(0, sinceStored.TotalSeconds));
    }

    /// <summary>One provider call: its time and outcome; an accepted message counts as sent.</summary>
    public void ProviderCall(string provider, SendResult result, TimeSpan elapsed)
    {
        var outcome = result.Accepted ? "accepted" : result.Transient ? "transient" : "permanent";
        _provider.Record(elapsed.TotalSeconds, new("provider", provider), new("outcome", outcome));
        if (result.Accepted)
        {
            _sent.Add(1, new KeyValuePair<string, object?>("provider", provider));
        }
    }

    /// <summary>
    /// The outcome of one outbound attempt as the queue records it: a failure given up on (by its code), or a retry.
    /// Accepted sends are counted by <see cref="ProviderCall"/>, where the provider is known.
    /// </summary>
    public void OutboundAttempt(SendResult result, int attempt, int maxAttempts)
    {
        if (result.Accepted)
        {
            return;
        }

        if (!result.Transient || attempt >= maxAttempts)
        {
            _failures.Add(1, new KeyValuePair<string, object?>("reason", Reason(result.ErrorCode)));
        }
        else
        {
            _retries.Add(1, new KeyValuePair<string, object?>("queue", "outbound"));
        }
    }

    /// <summary>An inbound message failed and will be tried again (or was given up on).</summary>
    public void InboundFailed(bool givenUp)
    {
        if (givenUp)
        {
            _failures.Add(1, new KeyValuePair<string, object?>("reason", "inbound_processing"));
        }
        else
        {
            _retries.Add(1, new KeyValuePair<string, object?>("queue", "inbound"));
        }
    }

    /// <summary>A webhook refused before any database write (bad signature, unknown account, too large, malformed).</summary>
    public void WebhookRejected(string provider, string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("reason", reason));

    private static void Add(Counter<long> counter, int value, KeyValuePair<string, object?> tag)
    {
        if (value > 0)
        {
            counter.Add(value, tag);
        }
    }

    /// <summary>Error codes become label values: keep them short and few (provider codes are numbers or snake_case words).</summary>
    private static string Reason(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "unknown";
        }

        return code.Length <= 40 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? code : "other";
    }
}
