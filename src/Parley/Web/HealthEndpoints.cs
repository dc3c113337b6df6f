using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parley.Core.Redis;

namespace Parley.Web;

/// <summary><c>/health</c> (the process answers) and <c>/health/ready</c> (each dependency's state), both JSON.</summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddParleyHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync });
        return app;
    }

    /// <summary>
    /// Today's fields (<c>status</c> in lower case, <c>totalMs</c>, <c>checks</c>) and the shape HealthChecks UI reads
    /// (<c>totalDuration</c> and <c>entries</c> with <c>status</c>, <c>description</c>, <c>duration</c>, <c>data</c>, <c>tags</c>;
    /// HealthChecks UI reads <c>status</c> case-insensitively).
    /// </summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            totalDuration = report.TotalDuration.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            totalMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            entries = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    duration = e.Value.Duration.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                    data = e.Value.Data,
                    tags = e.Value.Tags,
                }),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString().ToLowerInvariant(),
                    description = e.Value.Description,
                    ms = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                    data = e.Value.Data,
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
