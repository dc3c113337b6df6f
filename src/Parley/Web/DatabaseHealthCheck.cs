using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parley.Core.Storage;

namespace Parley.Web;

/// <summary>The database answers and its schema is current.</summary>
public sealed class DatabaseHealthCheck(Database database, Migrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var c = await database.OpenAsync(cancellationToken);
            await c.ExecuteScalarAsync<int>("SELECT 1");
            var version = await migrator.CurrentVersionAsync(cancellationToken);
            var expected = migrator.Scripts.Count == 0 ? 0 : migrator.Scripts[^1].Version;
            var data = new Dictionary<string, object> { ["database"] = database.Describe(), ["schemaVersion"] = version };
            return version >= expected
                ? HealthCheckResult.Healthy("Database reachable, schema current.", data)
                : HealthCheckResult.Unhealthy($"Schema version {version}, expected {expected}: run 'db migrate'.", data: data);
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"Database unreachable: {ex.GetType().Name}: {ex.Message}", data: new Dictionary<string, object> { ["database"] = database.Describe() });
        }
    }
}
