using System.CommandLine;
using System.Globalization;
using Parley.Api;
using Parley.Core.Events;
using Parley.Core.Inbound;
using Parley.Core.Webhooks;
using Spectre.Console;

namespace Parley.Cli;

/// <summary>
/// <c>webhooks replay</c> (provider webhook events that failed) and <c>webhooks list|add|remove</c> (outgoing webhooks:
/// URLs that receive Parley's events, signed).
/// </summary>
public static class WebhookCommands
{
    public static Command Create() =>
        new("webhooks", "Replay failed provider webhooks; manage outgoing webhooks.") { ReplayCommand(), ListCommand(), AddCommand(), RemoveCommand() };

    private static Command ReplayCommand()
    {
        var failed = new Option<bool>("--failed") { Description = "Replay every failed event." };
        var ids = new Option<long[]>("--id") { Description = "Replay this event (repeat for several)." };
        var account = new Option<string?>("--account") { Description = "With --failed: only this account's events." };
        var format = CliOutput.FormatOption();
        var command = new Command("replay", "Parse stored provider webhook events that failed again, and store what they carry. Exit 1 when any still fails.")
        {
            failed, ids, account, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(ids) ?? [];
            if (parse.GetValue(failed) == given.Length > 0)
            {
                return CliOutput.UsageError("give --failed or --id N (not both).");
            }

            await using var host = await CliHost.OpenAsync(parse, seedAccounts: true, ct);
            var replay = host.Get<WebhookReplay>();
            var targets = given.Length > 0
                ? given.ToList()
                : [.. await host.Get<WebhookEventStore>().FailedIdsAsync(parse.GetValue(account), WebhookEventsApi.MaxReplay, ct)];
            var results = new List<ReplayResult>();
            if (CliOutput.Interactive && !parse.IsJson(format) && targets.Count > 1)
            {
                await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Replaying webhook events", maxValue: targets.Count);
                    foreach (var id in targets)
                    {
                        results.AddRange(await replay.ReplayAsync([id], ct));
                        task.Increment(1);
                    }
                });
            }
            else
            {
                results.AddRange(await replay.ReplayAsync(targets, ct));
            }

            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(results.Select(r => new { id = r.EventId, outcome = WebhookEventsApi.Wire(r.Outcome), detail = r.Detail }));
            }
            else if (results.Count == 0)
            {
                host.NoteEmpty("No failed webhook events");
            }
            else
            {
                var table = new CliTable("Event", "Outcome", "Detail");
                foreach (var r in results)
                {
                    table.Add(r.EventId.ToString(CultureInfo.InvariantCulture), WebhookEventsApi.Wire(r.Outcome), r.Detail ?? "");
                }

                table.Write();
            }

            var bad = results.Count(r => r.Outcome != ReplayOutcome.Replayed);
            return bad == 0 ? CliOutput.Ok : CliOutput.Fail($"{bad} of {results.Count} event(s) were not replayed.");
        });
        return command;
    }

    private static Command ListCommand()
    {
        var format = CliOutput.FormatOption();
        var command = new Command("list", "List outgoing webhook subscriptions.") { format };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var subscriptions = await host.Get<OutgoingWebhooks>().ListAsync(ct);
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(subscriptions);
                return CliOutput.Ok;
            }

            if (subscriptions.Count == 0)
            {
                host.NoteEmpty("No outgoing webhooks", $"Add one with: {CliHelp.Run("webhooks add --url URL --events message.received")}");
                return CliOutput.Ok;
            }

            var table = new CliTable("Id", "URL", "Events", "Enabled", "Description");
            foreach (var s in subscriptions)
            {
                table.Add(s.Id.ToString(CultureInfo.InvariantCulture), s.Url, string.Join(" ", s.Events), s.Enabled ? "yes" : "no", s.Description ?? "");
            }

            table.Write();
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command AddCommand()
    {
        var url = new Option<string>("--url") { Description = "Where to POST the events.", Required = true };
        var events = new Option<string[]>("--events") { Description = $"Events, comma-separated or repeated: {string.Join(", ", DomainEventTypes.All)}, or * (default)." };
        var description = new Option<string?>("--description") { Description = "What receives them." };
        var command = new Command("add", "Subscribe a URL to events. Prints the signing secret alone on the last line.") { url, events, description };
        command.SetAction(async (parse, ct) =>
        {
            var list = (parse.GetValue(events) is { Length: > 0 } given ? given : [OutgoingWebhooks.AllEvents])
                .SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
            var errors = WebhooksApi.Validate(parse.GetValue(url), list, required: true);
            if (errors.Count > 0)
            {
                return CliOutput.UsageError(string.Join("; ", errors.Select(e => e.Message)));
            }

            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var created = await host.Get<OutgoingWebhooks>().CreateAsync(parse.GetRequiredValue(url).Trim(), list, parse.GetValue(description), ct);
            Console.WriteLine($"Added outgoing webhook {created.Subscription.Id} for {string.Join(", ", created.Subscription.Events)} to {created.Subscription.Url}.");
            Console.WriteLine("Verify X-Parley-Signature (t=…,v1=HMAC-SHA256 of \"t.body\") with this secret, shown once:");
            Console.WriteLine(created.Secret);
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command RemoveCommand()
    {
        var id = new Argument<long>("id") { Description = "The subscription to remove." };
        var command = new Command("remove", "Remove an outgoing webhook and its queued deliveries.") { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            if (!await host.Get<OutgoingWebhooks>().RemoveAsync(parse.GetValue(id), ct))
            {
                return CliOutput.Fail($"no outgoing webhook {parse.GetValue(id)}.");
            }

            Console.WriteLine($"Removed outgoing webhook {parse.GetValue(id)}.");
            return CliOutput.Ok;
        });
        return command;
    }
}
