using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Bench;

/// <summary>
/// The yardstick: a bare Kestrel endpoint on the same route that reads the body and answers 200, in its own process
/// like Parley, measured with the same generator. On a shared 2-core machine absolute numbers drift with the
/// neighbours' load; ratios to this baseline, taken in the same run, drift much less.
/// </summary>
public static class Baseline
{
    /// <summary><c>Parley.Bench --serve-baseline PORT</c>: the baseline server itself.</summary>
    public static async Task<int> ServeAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/webhooks/meta/{accountId}", async (HttpRequest request) =>
        {
            // Read the body like a real endpoint must before answering.
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Ok();
        });
        await app.RunAsync();
        return 0;
    }

    public sealed record Result(LatencyHistogram AtRate, double AtRateRps, double MaxRps, LatencyHistogram Saturated, double PeakRssMb);

    /// <summary>Open loop at <paramref name="rate"/>, then closed loop for capacity.</summary>
    public static async Task<Result> MeasureAsync(BenchOptions options, double rate, double seconds, string logDirectory)
    {
        var port = ChildProcess.FreePort();
        await using var server = await ChildProcess.StartBaselineAsync(port, logDirectory);
        var url = new Uri(server.BaseUrl, "/webhooks/meta/bench");
        var body = MetaWire.Inbound(MetaWire.WaId(1), "wamid.BASELINE", "bench 0", 0, 1);
        var request = new Outgoing(RequestKind.Baseline, body, MetaWire.Sign(body), 0);
        var atRate = new LatencyHistogram();
        long acked = 0;
        var windowStart = 0L;
        using var generator = new LoadGenerator(_ => (url, 0), c =>
        {
            if (c.Acked && c.Intended >= Volatile.Read(ref windowStart))
            {
                Interlocked.Increment(ref acked);
                atRate.RecordMs(c.LatencyMs);
            }
        }, options.MaxInFlight);

        // Warm up, then the same offered rate Parley had.
        Volatile.Write(ref windowStart, long.MaxValue);
        await generator.RunAsync(rate, TimeSpan.FromSeconds(Math.Min(2, options.Warmup)), (_, _) => request);
        Volatile.Write(ref windowStart, LoadGenerator.Now);
        await generator.RunAsync(rate, TimeSpan.FromSeconds(seconds), (_, _) => request);
        await generator.DrainAsync(TimeSpan.FromSeconds(10));
        var atRateRps = acked / seconds;

        var max = (Rps: 0.0, Latency: new LatencyHistogram(), Errors: 0L);
        if (options.BaselineSeconds > 0)
        {
            max = await generator.SaturateAsync(url, request, 64, TimeSpan.FromSeconds(options.BaselineSeconds));
        }

        return new Result(atRate, atRateRps, max.Rps, max.Latency, server.PeakRssMb());
    }
}
