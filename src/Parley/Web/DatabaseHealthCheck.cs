using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parley.Core.Startup;
using Parley.Core.Storage;

namespace Parley.Web;

/// <summary>The database answers, every module's schema is current, and start-up has finished.</summary>
public sealed class DatabaseHealthCheck(Database database, Migrator migrator, StartupGate startup) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var c = await database.OpenAsync(cancellationToken);
            await c.ExecuteScalarAsync<int>("SELECT 1");
            var modules = await migrator.StatusAsync(cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["database"] = database.Describe(),
                ["schema"] = string.Join(", ", modules.Select(m => $"{m.Module} {m.Applied}")),
            };
            var behind = modules.Where(m => !m.Current).ToList();
            if (behind.Count > 0)
            {
                return HealthCheckResult.Unhealthy(
                    $"Schema behind ({string.Join(", ", behind.Select(m => $"{m.Module} {m.Applied} of {m.Latest}"))}): run 'db migrate'.", data: data);
            }

            return startup.IsOpen
                ? HealthCheckResult.Healthy("Database reachable, schema current.", data)
                : HealthCheckResult.Unhealthy($"Starting: {startup.Waiting ?? "start-up tasks running"}.", data: data);
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"Database unreachable: {ex.GetType().Name}: {ex.Message}", data: new Dictionary<string, object> { ["database"] = database.Describe() });
        }
    }
}
