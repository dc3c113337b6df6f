using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Parley.Bench;

public enum RequestKind
{
    Message,
    Status,
    Duplicate,
    Forged,
    Baseline,
}

/// <summary>One webhook delivery to make: its body, signature, kind and the bench's own tag (the message sequence).</summary>
public sealed record Outgoing(RequestKind Kind, byte[] Body, string Signature, long Tag)
{
    /// <summary>Which Parley instance to send to, for scenarios with several; -1 lets the router choose.</summary>
    public int Instance { get; init; } = -1;
}

/// <summary>The outcome of one delivery: HTTP status (0 when the request failed), intended and completion times (Stopwatch ticks).</summary>
public readonly record struct Completion(Outgoing Request, int Status, long Intended, long Done, int Instance)
{
    public double LatencyMs => (Done - Intended) * 1000.0 / Stopwatch.Frequency;

    public bool Acked => Status is >= 200 and < 300;
}

/// <summary>
/// An open-loop load generator: arrivals are scheduled by timestamp at a fixed rate and sent without waiting for
/// earlier responses, so a slow server cannot slow the offered load down (no coordinated omission). Latency is
/// measured from the intended send time, so the generator's own lag counts against the server, as it would for
/// Meta. Extra deliveries (status webhooks after a reply, replays) can be scheduled at any time.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    private readonly HttpClient _client;
    private readonly Func<Outgoing, (Uri Url, int Instance)?> _route;
    private readonly Action<Completion> _completed;
    private readonly int _maxInFlight;
    private readonly PriorityQueue<Outgoing, long> _scheduled = new();
    private readonly Lock _scheduleLock = new();
    private long _inFlight;
    private long _dropped;
    private long _sent;

    /// <param name="route">Picks the URL for a delivery (null: no instance is up; the delivery counts as failed).</param>
    public LoadGenerator(Func<Outgoing, (Uri Url, int Instance)?> route, Action<Completion> completed, int maxInFlight)
    {
        _route = route;
        _completed = completed;
        _maxInFlight = maxInFlight;
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Arrivals not sent because <c>maxInFlight</c> requests were already waiting.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public long Sent => Interlocked.Read(ref _sent);

    public static long Now => Stopwatch.GetTimestamp();

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Sends <paramref name="request"/> at <paramref name="due"/> (Stopwatch ticks) during a run.</summary>
    public void Schedule(long due, Outgoing request)
    {
        lock (_scheduleLock)
        {
            _scheduled.Enqueue(request, due);
        }
    }

    /// <summary>
    /// Runs for <paramref name="duration"/>: <paramref name="arrival"/> is asked for delivery i at start + i/rate (null:
    /// nothing to send then), with its intended send time, and scheduled deliveries go out when due. Returns at the end of the window without
    /// waiting for responses still in flight.
    /// </summary>
    public async Task RunAsync(double rate, TimeSpan duration, Func<long, long, Outgoing?>? arrival, CancellationToken ct = default)
    {
        var start = Now;
        var end = start + Ticks(duration);
        var interval = Stopwatch.Frequency / rate;
        long i = 0;
        while (!ct.IsCancellationRequested)
        {
            var now = Now;
            if (now >= end)
            {
                break;
            }

            if (arrival is not null)
            {
                var due = (long)((now - start) / interval) + 1;
                for (; i < due; i++)
                {
                    var intended = start + (long)(i * interval);
                    if (arrival(i, intended) is { } request)
                    {
                        Fire(intended, request);
                    }
                }
            }

            FireScheduled(now);
            // Linux timers give about 1 ms; arrivals due meanwhile go out together, timed from their intended instant.
            await Task.Delay(1, ct);
        }
    }

    /// <summary>Waits (bounded) until no request is in flight.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var deadline = Now + Ticks(timeout);
        while (InFlight > 0 && Now < deadline)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Forgets scheduled deliveries that were not due by the end of the run.</summary>
    public int ClearScheduled()
    {
        lock (_scheduleLock)
        {
            var n = _scheduled.Count;
            _scheduled.Clear();
            return n;
        }
    }

    /// <summary>
    /// Closed loop for <paramref name="duration"/>: <paramref name="concurrency"/> workers each send the next request as
    /// soon as the last one answered. Measures capacity (completions per second), not latency under a given load.
    /// </summary>
    public async Task<(double Rps, LatencyHistogram Latency, long Errors)> SaturateAsync(Uri url, Outgoing request, int concurrency, TimeSpan duration)
    {
        var latency = new LatencyHistogram();
        long completed = 0;
        long errors = 0;
        var start = Now;
        var end = start + Ticks(duration);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Now < end)
            {
                var t0 = Now;
                var status = await SendOnceAsync(url, request);
                latency.Record(TimeSpan.FromTicks((long)((Now - t0) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
                if (status is >= 200 and < 300)
                {
                    Interlocked.Increment(ref completed);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });
        await Task.WhenAll(workers);
        var seconds = (Now - start) / (double)Stopwatch.Frequency;
        return (completed / seconds, latency, errors);
    }

    private void FireScheduled(long now)
    {
        while (true)
        {
            Outgoing? next;
            long due;
            lock (_scheduleLock)
            {
                if (!_scheduled.TryPeek(out next, out due) || due > now)
                {
                    return;
                }

                _scheduled.Dequeue();
            }

            Fire(due, next);
        }
    }

    private void Fire(long intended, Outgoing request)
    {
        if (Interlocked.Increment(ref _inFlight) > _maxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _dropped);
            return;
        }

        Interlocked.Increment(ref _sent);
        _ = SendAsync(intended, request);
    }

    private async Task SendAsync(long intended, Outgoing request)
    {
        var status = 0;
        var instance = -1;
        try
        {
            if (_route(request) is { } target)
            {
                instance = target.Instance;
                status = await SendOnceAsync(target.Url, request);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        _completed(new Completion(request, status, intended, Now, instance));
    }

    private async Task<int> SendOnceAsync(Uri url, Outgoing request)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(request.Body) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Headers.TryAddWithoutValidation(MetaWire.SignatureHeader, request.Signature);
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (TaskCanceledException)
        {
            return 0;
        }
    }

    public void Dispose() => _client.Dispose();
}
