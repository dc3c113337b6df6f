using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Startup;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Core.Maintenance;

/// <summary>
/// Runs the <see cref="RetentionCleaner"/> (the same code as the <c>cleanup</c> command) hourly by default, on one
/// instance at a time (a <see cref="JobLease"/>): each instance checks now and then, and only the one that takes the
/// lease runs.
/// </summary>
public sealed class RetentionJob(
    RetentionCleaner cleaner,
    JobLease leases,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    InstanceIdentity instance,
    StartupGate gate,
    ILogger<RetentionJob> logger) : AfterStartupService(gate)
{
    public const string LeaseName = "retention";

    /// <summary>A run that takes longer than this is presumed dead and may be taken over.</summary>
    public static readonly TimeSpan RunLease = TimeSpan.FromMinutes(15);

    private RetentionOptions Options => options.Value;

    /// <summary>Runs once if this instance gets the lease (no run due or another instance running: null).</summary>
    public async Task<RetentionResult?> RunOnceAsync(CancellationToken ct = default)
    {
        var now = time.NowMs();
        if (!await leases.TryAcquireAsync(LeaseName, instance.Id, now, now + (long)RunLease.TotalMilliseconds, ct))
        {
            return null;
        }

        RetentionResult run;
        try
        {
            run = await cleaner.RunAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Try again sooner than a full interval, but not in a tight loop.
            var retry = now + (long)Math.Min(Options.Interval.TotalMilliseconds, TimeSpan.FromMinutes(5).TotalMilliseconds);
            await leases.CompleteAsync(LeaseName, instance.Id, time.NowMs(), retry, $"failed: {ex.GetType().Name}: {ex.Message}", CancellationToken.None);
            throw;
        }

        await leases.CompleteAsync(LeaseName, instance.Id, time.NowMs(), now + (long)Options.Interval.TotalMilliseconds, run.ToString(), ct);
        logger.LogInformation("Retention run deleted {Run}", run.ToString());
        return run;
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled)
        {
            return;
        }

        // Checks more often than it runs: another instance may have taken the last run, or died holding it.
        var check = TimeSpan.FromMilliseconds(Math.Min(Options.Interval.TotalMilliseconds, TimeSpan.FromMinutes(5).TotalMilliseconds));
        try
        {
            // Not during start-up: let the instance begin serving first.
            await Task.Delay(TimeSpan.FromSeconds(30 + Random.Shared.Next(30)), time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Retention run failed; it will be tried again");
                }

                await Task.Delay(check * (0.8 + (0.4 * Random.Shared.NextDouble())), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
