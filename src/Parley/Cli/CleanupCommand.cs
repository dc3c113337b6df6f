using System.CommandLine;
using Parley.Core.Maintenance;

namespace Parley.Cli;

/// <summary><c>cleanup</c>: deletes what retention says has outlived its use (Parley:Retention:*), and prints the counts.</summary>
public static class CleanupCommand
{
    public static Command Create()
    {
        var format = CliOutput.FormatOption();
        var command = new Command("cleanup",
            "Delete now what retention deletes every hour: old processed webhook events, parked statuses and outgoing webhook " +
            "deliveries, and when set, orphaned media and interaction logs (Parley:Retention:*).")
        {
            format,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var result = await host.Get<RetentionCleaner>().RunAsync(ct);
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(result);
            }
            else
            {
                Console.WriteLine($"Deleted {result.WebhookEvents} webhook event(s), {result.PendingStatuses} parked status(es), {result.WebhookDeliveries} outgoing webhook deliveries, {result.Media} media file(s), {result.Of("interaction_logs")} interaction log(s).");
            }

            return CliOutput.Ok;
        });
        return command;
    }
}
