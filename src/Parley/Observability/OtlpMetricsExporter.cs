using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Parley.Core.Work;

namespace Parley.Observability;

/// <summary>
/// Pushes the metrics to an OTLP collector when <c>Parley:Telemetry:OtlpEndpoint</c> is set. The OpenTelemetry
/// hosting package does not restore here, so this service builds the MeterProvider itself and owns its lifetime.
/// </summary>
public sealed class OtlpMetricsExporter(IOptions<TelemetryOptions> options, InstanceIdentity instance, ILogger<OtlpMetricsExporter> logger)
    : IHostedService, IDisposable
{
    private MeterProvider? _provider;

    public bool Enabled => _provider is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.OtlpEndpoint))
        {
            return Task.CompletedTask;
        }

        if (!Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException($"Parley:Telemetry:OtlpEndpoint must be an absolute URL, but it is '{o.OtlpEndpoint}'.");
        }

        _provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.AddService("parley", serviceInstanceId: instance.Id))
            .AddMeter([.. o.MeterNames()])
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = endpoint;
                exporter.Protocol = o.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                if (!string.IsNullOrWhiteSpace(o.OtlpHeaders))
                {
                    exporter.Headers = o.OtlpHeaders;
                }

                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)o.ExportInterval.TotalMilliseconds;
            })
            .Build();
        logger.LogInformation("Exporting metrics over OTLP ({Protocol}) to {Endpoint} every {Interval} s", o.OtlpProtocol, endpoint.GetLeftPart(UriPartial.Path), o.ExportInterval.TotalSeconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _provider?.ForceFlush(5000);
        return Task.CompletedTask;
    }

    public void Dispose() => _provider?.Dispose();
}
