using System.Text;
using Microsoft.Extensions.Options;
using Parley.Observability;

namespace Parley.Web;

/// <summary><c>GET /metrics</c>: the meters in Prometheus text exposition format (version 0.0.4).</summary>
public static class MetricsEndpoint
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static WebApplication MapMetrics(this WebApplication app)
    {
        var path = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.MetricsPath;
        if (string.IsNullOrEmpty(path))
        {
            return app;
        }

        // Resolve now so measurements are aggregated from the start, not from the first scrape.
        var exporter = app.Services.GetRequiredService<PrometheusExporter>();
        app.MapGet(path, (HttpContext context) =>
        {
            var text = exporter.Scrape();
            return Results.Text(text, ContentType, Encoding.UTF8);
        }).ExcludeFromDescription();
        return app;
    }
}
