using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Inbound;
using Parley.Core.Messaging;

namespace Parley.Channels.Sandbox;

/// <summary>Reports the simulated delivery receipts after their delays (best effort: they are simulated).</summary>
public sealed class SandboxReceipts(
    IntakeStore intake,
    IOptions<SandboxOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SandboxReceipts> logger)
{
    public void Schedule(string accountId, string providerId) =>
        _ = ReportAsync(accountId, providerId, lifetime.ApplicationStopping);

    private async Task ReportAsync(string accountId, string providerId, CancellationToken ct)
    {
        try
        {
            await Task.Delay(options.Value.DeliveredAfter, time, ct);
            await StoreAsync(accountId, providerId, MessageStatus.Delivered, ct);
            var untilRead = options.Value.ReadAfter - options.Value.DeliveredAfter;
            if (untilRead > TimeSpan.Zero)
            {
                await Task.Delay(untilRead, time, ct);
            }

            await StoreAsync(accountId, providerId, MessageStatus.Read, ct);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Sandbox receipts for {ProviderId} were not stored", providerId);
        }
    }

    private Task StoreAsync(string accountId, string providerId, MessageStatus status, CancellationToken ct) =>
        intake.StoreAsync(new InboundBatch(accountId, Providers.Sandbox, $"{{\"id\":\"{providerId}\",\"status\":\"{status.ToWire()}\"}}")
        {
            Statuses = [new StatusUpdate(providerId, status, time.GetUtcNow())],
            ContentType = "application/json",
        }, ct);
}
