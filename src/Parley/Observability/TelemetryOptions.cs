using System.ComponentModel.DataAnnotations;

namespace Parley.Observability;

/// <summary>Metrics export (<c>Parley:Telemetry</c>): the Prometheus scrape endpoint and, when configured, OTLP.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Parley:Telemetry";

    /// <summary>Where Prometheus scrapes; empty turns the endpoint off.</summary>
    [RegularExpression("^(/[A-Za-z0-9/_.-]*)?$", ErrorMessage = "Parley:Telemetry:MetricsPath must be empty or a path starting with '/'.")]
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>The meters exported, comma-separated: Parley's own, ASP.NET Core's request timings, Kestrel, the runtime (GC, memory), HttpClient and Npgsql (commands, connections).</summary>
    public string Meters { get; set; } = "Parley,Microsoft.AspNetCore.Hosting,Microsoft.AspNetCore.Server.Kestrel,System.Runtime,System.Net.Http,Npgsql";

    /// <summary>An OTLP collector, e.g. <c>http://127.0.0.1:4317</c> (gRPC) or <c>http://127.0.0.1:4318/v1/metrics</c> (HTTP). Empty: no OTLP export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    [RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "Parley:Telemetry:OtlpProtocol must be 'grpc' or 'http/protobuf'.")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Extra OTLP headers, <c>key=value</c> pairs separated by commas (an API key for a hosted collector).</summary>
    public string? OtlpHeaders { get; set; }

    /// <summary>How often metrics are pushed over OTLP.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(15);

    public IReadOnlyList<string> MeterNames() =>
        Meters.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append(Core.Observability.ParleyMetrics.MeterName).Distinct(StringComparer.Ordinal).ToList();
}
