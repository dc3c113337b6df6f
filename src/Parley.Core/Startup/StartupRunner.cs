using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Storage;

namespace Parley.Core.Startup;

/// <summary>
/// Before any hosted service starts (<see cref="IHostedLifecycleService.StartingAsync"/>, which the host runs for
/// every service before the first <c>StartAsync</c>): brings the schema up to date, runs the modules'
/// <see cref="IStartupTask"/>s in their phases, then opens the <see cref="StartupGate"/>. A database that cannot be
/// reached does not stop the host: it starts, reports itself not ready, and this keeps trying in the background.
/// </summary>
public sealed class StartupRunner(
    Migrator migrator,
    IEnumerable<IStartupTask> tasks,
    StartupGate gate,
    Database database,
    IOptions<DatabaseOptions> options,
    TimeProvider time,
    ILogger<StartupRunner> logger) : IHostedLifecycleService, IDisposable
{
    /// <summary>How long to wait between attempts while the database is unreachable.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private Task? _retrying;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Database {Database}", database.Describe());
        try
        {
            await RunAsync(cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            gate.Waiting = $"database unavailable: {ex.GetBaseException().Message}";
            logger.LogWarning("The database {Database} is unavailable at start ({Error}); Parley starts not ready and retries every {Delay} s",
                database.Describe(), ex.GetBaseException().Message, RetryDelay.TotalSeconds);
            _retrying = RetryAsync(_stopping.Token);
        }
    }

    private async Task RetryAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(RetryDelay, time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            if (ct.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await RunAsync(ct);
                logger.LogInformation("The database {Database} is back; Parley is ready", database.Describe());
                return;
            }
            catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
            {
                gate.Waiting = $"database unavailable: {ex.GetBaseException().Message}";
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // Not an outage (a broken migration, a wrong setting): retrying will not help, and it must be seen.
                gate.Waiting = $"start-up failed: {ex.GetBaseException().Message}";
                logger.LogCritical(ex, "Start-up failed after the database came back; Parley stays not ready");
                return;
            }
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        if (options.Value.MigrateOnStart)
        {
            var applied = await migrator.MigrateAsync(ct);
            if (applied.Count > 0)
            {
                logger.LogInformation("Applied {Count} migration(s): {Scripts}", applied.Count, string.Join(", ", applied));
            }
        }

        foreach (var task in tasks.OrderBy(t => t.Phase).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            var started = time.GetTimestamp();
            await task.RunAsync(ct);
            logger.LogDebug("Start-up task {Task} done in {Elapsed:0} ms", task.Name, time.GetElapsedTime(started).TotalMilliseconds);
        }

        gate.Open();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_retrying is not null)
        {
            await _retrying.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();
}
