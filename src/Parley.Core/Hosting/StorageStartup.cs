using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Storage;

namespace Parley.Core.Hosting;

/// <summary>Before anything else runs: the schema is brought up to date and the declared accounts are stored.</summary>
public sealed class StorageStartup(
    Migrator migrator,
    AccountSeeder seeder,
    Database database,
    IOptions<DatabaseOptions> options,
    ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Database {Database}", database.Describe());
        if (options.Value.MigrateOnStart)
        {
            var applied = await migrator.MigrateAsync(cancellationToken);
            if (applied.Count > 0)
            {
                logger.LogInformation("Applied {Count} migration(s), schema version {Version}", applied.Count, applied[^1]);
            }
        }

        await seeder.SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
