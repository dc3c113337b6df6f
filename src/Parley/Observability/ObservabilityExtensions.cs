using Parley.Web;

namespace Parley.Observability;

public static class ObservabilityExtensions
{
    /// <summary>Metrics (the Prometheus endpoint, OTLP when configured) and the log format (<c>Parley:Logging:Format</c>).</summary>
    public static WebApplicationBuilder AddParleyObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PrometheusExporter>();
        builder.Services.AddSingleton<OtlpMetricsExporter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OtlpMetricsExporter>());
        builder.Logging.AddParleyLogFormat(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// <c>Parley:Logging:Format=json</c>: one JSON object per line with the scopes (correlation id, message id) as
    /// properties, for log shippers. Anything else keeps the framework's plain console format.
    /// </summary>
    public static ILoggingBuilder AddParleyLogFormat(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var format = configuration["Parley:Logging:Format"];
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }
        else if (!string.IsNullOrEmpty(format) && !string.Equals(format, "text", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Parley:Logging:Format must be 'text' or 'json', but it is '{format}'.");
        }

        return logging;
    }
}
