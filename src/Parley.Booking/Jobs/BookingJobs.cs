using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Booking.Notifications;
using Parley.Booking.Store;
using Parley.Core.Maintenance;
using Parley.Core.Startup;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Booking.Jobs;

/// <summary>
/// The booking module's timed work, on one instance at a time (the <c>booking</c> job lease): expires holds past their
/// deadline and tells the guest (within <see cref="BookingOptions.JobInterval"/> of the deadline), completes bookings
/// whose activity has ended, and sends the reminder the day before. <c>booking expire</c> runs the same code now.
/// </summary>
public sealed class BookingJobs(
    BookingLedger ledger,
    BookingNotifier notifier,
    JobLease leases,
    IOptions<BookingOptions> options,
    TimeProvider time,
    InstanceIdentity instance,
    StartupGate gate,
    ILogger<BookingJobs> logger) : AfterStartupService(gate)
{
    public const string LeaseName = "booking";

    /// <summary>A run that takes longer than this is presumed dead and may be taken over.</summary>
    public static readonly TimeSpan RunLease = TimeSpan.FromMinutes(5);

    /// <summary>Runs once if this instance gets the lease; null when another instance has it or the next run is not due.</summary>
    public async Task<BookingJobResult?> RunOnceAsync(CancellationToken ct = default)
    {
        var now = time.NowMs();
        if (!await leases.TryAcquireAsync(LeaseName, instance.Id, now, now + (long)RunLease.TotalMilliseconds, ct))
        {
            return null;
        }

        BookingJobResult result;
        try
        {
            result = await RunNowAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await leases.CompleteAsync(LeaseName, instance.Id, time.NowMs(), now + (long)options.Value.JobInterval.TotalMilliseconds, $"failed: {ex.GetType().Name}: {ex.Message}", CancellationToken.None);
            throw;
        }

        await leases.CompleteAsync(LeaseName, instance.Id, time.NowMs(), now + (long)options.Value.JobInterval.TotalMilliseconds, result.ToString(), ct);
        return result;
    }

    /// <summary>The work itself, without the lease (the CLI's <c>booking expire</c>).</summary>
    public async Task<BookingJobResult> RunNowAsync(CancellationToken ct = default)
    {
        var expired = await ledger.ExpireDueAsync(ct: ct);
        foreach (var b in expired)
        {
            await notifier.NotifyAsync(b, BookingNotice.Expired, ct: ct);
        }

        var completed = await ledger.CompleteDueAsync(ct: ct);
        var reminded = 0;
        if (options.Value.ReminderBefore > TimeSpan.Zero)
        {
            foreach (var b in await ledger.ClaimRemindersAsync(options.Value.ReminderBefore, ct: ct))
            {
                await notifier.NotifyAsync(b, BookingNotice.Reminder, ct: ct);
                reminded++;
            }
        }

        if (expired.Count + completed.Count + reminded > 0)
        {
            logger.LogInformation("Booking jobs: {Expired} holds expired, {Completed} bookings completed, {Reminded} reminders", expired.Count, completed.Count, reminded);
        }

        return new BookingJobResult(expired.Count, completed.Count, reminded);
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.JobInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Booking jobs failed; they will be tried again");
                }

                await Task.Delay(every * (0.8 + (0.4 * Random.Shared.NextDouble())), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
