using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Testing.Fakes;

/// <summary>One OTLP/HTTP export the collector received.</summary>
public sealed record OtlpExport(string Path, string? ContentType, byte[] Body);

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver on 127.0.0.1 (<c>POST /v1/metrics</c>, protobuf): records each
/// export and answers 200 with an empty ExportMetricsServiceResponse, as a collector does.
/// </summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpExport> _exports = new();

    private FakeOtlpCollector(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The full OTLP/HTTP metrics URL (the exporter does not add the path when it is set in code).</summary>
    public string MetricsUrl => BaseUrl + "/v1/metrics";

    public IReadOnlyList<OtlpExport> Exports => [.. _exports];

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeOtlpCollector(app);
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            fake._exports.Enqueue(new OtlpExport(request.Path, request.ContentType, buffer.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>Waits (default 20 s) for an export whose protobuf body contains <paramref name="text"/> (metric names are plain UTF-8 in it).</summary>
    public async Task<OtlpExport> WaitForAsync(string text, TimeSpan? timeout = null)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(20)).TotalMilliseconds;
        while (true)
        {
            if (_exports.FirstOrDefault(e => e.Body.AsSpan().IndexOf(needle) >= 0) is { } found)
            {
                return found;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"No OTLP export containing '{text}' arrived ({_exports.Count} exports received).");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
