using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Startup;

namespace Parley.Channels.Meta;

/// <summary>Syncs the templates of every enabled Meta account with a BusinessAccountId at start and then every <see cref="MetaOptions.TemplateSyncInterval"/>.</summary>
public sealed class MetaTemplateSyncService(
    IOptions<MetaOptions> options,
    AccountRegistry accounts,
    MetaTemplateSync sync,
    TimeProvider time,
    StartupGate gate,
    ILogger<MetaTemplateSyncService> logger) : AfterStartupService(gate)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.TemplateSyncInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await SyncAllAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task SyncAllAsync(CancellationToken ct)
    {
        IReadOnlyList<Account> all;
        try
        {
            all = await accounts.ListAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Meta template sync could not list the accounts");
            return;
        }

        foreach (var account in all.Where(a => a.Enabled && a.Provider == Providers.Meta && a.Setting("BusinessAccountId") is not null))
        {
            try
            {
                await sync.SyncAsync(account, ct);
            }
            catch (Exception ex) when (ex is MetaApiException or InvalidOperationException or HttpRequestException or System.Data.Common.DbException)
            {
                logger.LogWarning("Meta templates of account {AccountId} were not synced: {Reason}", account.Id, ex.Message);
            }
        }
    }
}
