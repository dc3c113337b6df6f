using System.CommandLine;
using System.Globalization;
using Parley.Core.Statistics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Parley.Cli;

/// <summary>
/// <c>monitor [--account ID] [--hours 24] [--format table|json] [--watch SECONDS]</c>: messages, delivery rates, failures by
/// reason, throttling, response times and backlogs, as tables for a person or JSON for a script.
/// </summary>
public static class MonitorCommand
{
    public static Command Create()
    {
        var account = new Option<string?>("--account") { Description = "Only this account." };
        var hours = new Option<int>("--hours") { Description = "The period to look back over, in hours (1 to 8784).", DefaultValueFactory = _ => 24 };
        var watch = new Option<int?>("--watch") { Description = "Refresh every this many seconds until Ctrl+C (tables only)." };
        var format = CliOutput.FormatOption();
        var command = new Command("monitor", "Messages, delivery rates, failures by reason, throttling and backlogs.") { account, hours, watch, format };
        command.SetAction(async (parse, ct) =>
        {
            var period = parse.GetValue(hours);
            if (period is < 1 or > 8784)
            {
                return CliOutput.UsageError("--hours must be between 1 and 8784.");
            }

            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var monitor = host.Get<MonitorQueries>();
            var snapshot = await monitor.SnapshotAsync(parse.GetValue(account), TimeSpan.FromHours(period), ct);
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(snapshot);
                return CliOutput.Ok;
            }

            if (parse.GetValue(watch) is not { } every || every <= 0)
            {
                AnsiConsole.Write(Render(snapshot));
                return CliOutput.Ok;
            }

            await AnsiConsole.Live(Render(snapshot)).StartAsync(async live =>
            {
                try
                {
                    while (!ct.IsCancellationRequested)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(every), ct);
                        live.UpdateTarget(Render(await monitor.SnapshotAsync(parse.GetValue(account), TimeSpan.FromHours(period), ct)));
                    }
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C ends the watch.
                }
            });
            return CliOutput.Ok;
        });
        return command;
    }

    public static IRenderable Render(MonitorSnapshot s)
    {
        var title = $"Parley — {(s.AccountId is null ? "all accounts" : $"account {s.AccountId}")}, {s.From:u} to {s.To:u}";
        var messages = new Table().Title("Messages").AddColumns("", "Count")
            .AddRow("Inbound", N(s.Inbound))
            .AddRow("Outbound", N(s.Outbound))
            .AddRow("Response time p50 / p90 / p99", s.ResponseTimes.Samples == 0 ? "no replies yet" : $"{Ms(s.ResponseTimes.P50Ms)} / {Ms(s.ResponseTimes.P90Ms)} / {Ms(s.ResponseTimes.P99Ms)}");

        var d = s.Delivery;
        var delivery = new Table().Title("Delivery (outbound)").AddColumns("Status", "Count")
            .AddRow("queued", N(d.Queued)).AddRow("sent", N(d.Sent)).AddRow("delivered", N(d.Delivered)).AddRow("read", N(d.Read)).AddRow("[red]failed[/]", N(d.Failed))
            .AddRow("[bold]delivery rate[/]", Rate(d.DeliveryRate))
            .AddRow("[bold]read rate[/]", Rate(d.ReadRate));
        IRenderable chart = d.Total == 0
            ? new Text("No outbound messages in the period.")
            : new BreakdownChart().FullSize()
                .AddItem("queued", d.Queued, Color.Grey)
                .AddItem("sent", d.Sent, Color.Blue)
                .AddItem("delivered", d.Delivered, Color.Green)
                .AddItem("read", d.Read, Color.Aqua)
                .AddItem("failed", d.Failed, Color.Red);

        var failures = new Table().Title("Failures by reason").AddColumns("Code", "Reason", "Count");
        foreach (var f in s.Failures.Take(10))
        {
            failures.AddRow(Markup.Escape(f.Code ?? "-"), Markup.Escape(f.Reason is { Length: > 70 } r ? r[..70] + "…" : f.Reason ?? "-"), N(f.Count));
        }

        if (s.Failures.Count == 0)
        {
            failures.AddRow("-", "none", "0");
        }

        var b = s.Backlog;
        var backlog = new Table().Title("Backlog").AddColumns("Queue", "Now")
            .AddRow("Inbound waiting for a bot", N(b.InboundPending))
            .AddRow("Outbound waiting to send", N(b.OutboundPending))
            .AddRow("Outbound retrying (throttled or transient errors)", N(b.OutboundRetrying))
            .AddRow("Sends throttled by the provider in the period", N(s.Throttled))
            .AddRow("Failed provider webhooks (webhooks replay)", N(b.FailedWebhookEvents))
            .AddRow("Statuses waiting for their message", N(b.ParkedStatuses))
            .AddRow("Outgoing webhooks pending / failed", $"{N(b.OutgoingWebhooksPending)} / {N(b.OutgoingWebhooksFailed)}");

        var limits = new Table().Title("Sending against rate limits (last hour)").AddColumns("Account", "Sent", "Peak / s", "Limit / s", "Usage / s", "Limit / h", "Usage / h");
        foreach (var r in s.RateLimits)
        {
            limits.AddRow(Markup.Escape(r.AccountId), N(r.SentLastHour), N(r.PeakPerSecond), r.PerSecondLimit.ToString("0.#", CultureInfo.InvariantCulture),
                Rate(r.PerSecondUsage), r.PerHourLimit <= 0 ? "none" : N(r.PerHourLimit), Rate(r.PerHourUsage));
        }

        return new Rows(new Rule(Markup.Escape(title)), new Columns(messages, delivery), chart, failures, limits, backlog);
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double? ms) => ms is null ? "-" : ms < 1000 ? $"{ms:0} ms" : $"{ms / 1000:0.0} s";

    private static string Rate(double? rate) => rate is null ? "-" : rate.Value.ToString("P1", CultureInfo.InvariantCulture);
}
