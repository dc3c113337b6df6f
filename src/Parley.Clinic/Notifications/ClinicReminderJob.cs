using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Startup;

namespace Parley.Clinic.Notifications;

/// <summary>
/// Runs the reminders every <see cref="ClinicOptions.ReminderInterval"/> on every instance: planning is idempotent and
/// each due notification is claimed by one instance, so several instances send each reminder once.
/// </summary>
public sealed class ClinicReminderJob(ReminderRun run, IOptions<ClinicOptions> options, TimeProvider time, StartupGate gate, ILogger<ClinicReminderJob> logger)
    : AfterStartupService(gate)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RemindersEnabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var result = await run.RunAsync(stoppingToken);
                    if (result.Sent > 0)
                    {
                        logger.LogInformation("Clinic reminders: {Planned} planned, {Sent} sent", result.Planned, result.Sent);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError("Clinic reminders failed ({Error}); they will be tried again", ex.GetType().Name);
                }

                await Task.Delay(options.Value.ReminderInterval * (0.8 + (0.4 * Random.Shared.NextDouble())), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
