using Microsoft.Extensions.Hosting;

namespace Parley.Core.Startup;

/// <summary>
/// A background service that touches the database: it runs once the <see cref="StartupGate"/> is open (schema
/// current, start-up tasks done), so it never depends on the order in which services were registered.
/// </summary>
public abstract class AfterStartupService(StartupGate gate) : BackgroundService
{
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gate.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await RunAsync(stoppingToken);
    }

    /// <summary>The service's work, started once Parley is ready.</summary>
    protected abstract Task RunAsync(CancellationToken stoppingToken);
}
