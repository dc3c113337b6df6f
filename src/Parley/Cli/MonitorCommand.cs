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

            if (CliOutput.Plain)
            {
                // Piped: one snapshot as text blocks; --watch needs a terminal to redraw.
                MonitorCommand.WritePlain(snapshot, host.Database, Console.Out);
                return CliOutput.Ok;
            }

            if (parse.GetValue(watch) is not { } every || every <= 0)
            {
                AnsiConsole.Write(Render(snapshot, host.Database));
                return CliOutput.Ok;
            }

            await AnsiConsole.Live(Render(snapshot, host.Database)).StartAsync(async live =>
            {
                try
                {
                    while (!ct.IsCancellationRequested)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(every), ct);
                        live.UpdateTarget(Render(await monitor.SnapshotAsync(parse.GetValue(account), TimeSpan.FromHours(period), ct), host.Database));
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

    /// <summary>The snapshot as tables, for a terminal (<see cref="Render"/>) or as tab-separated blocks (<see cref="WritePlain"/>).</summary>
    public static IReadOnlyList<CliTable> Tables(MonitorSnapshot s)
    {
        var messages = new CliTable("Measure", "Value") { Title = "Messages" }
            .Add("Inbound", N(s.Inbound))
            .Add("Outbound", N(s.Outbound))
            .Add("Response time p50 / p90 / p99", s.ResponseTimes.Samples == 0 ? "no replies yet" : $"{Ms(s.ResponseTimes.P50Ms)} / {Ms(s.ResponseTimes.P90Ms)} / {Ms(s.ResponseTimes.P99Ms)}");

        var d = s.Delivery;
        var delivery = new CliTable("Status", "Count") { Title = "Delivery (outbound)" }
            .Add("queued", N(d.Queued)).Add("sent", N(d.Sent)).Add("delivered", N(d.Delivered)).Add("read", N(d.Read)).Add("failed", N(d.Failed))
            .Add("delivery rate", Rate(d.DeliveryRate))
            .Add("read rate", Rate(d.ReadRate));

        var failures = new CliTable("Code", "Reason", "Count") { Title = "Failures by reason" };
        foreach (var f in s.Failures.Take(10))
        {
            failures.Add(f.Code ?? "-", CliOutput.Plain ? f.Reason ?? "-" : f.Reason is { Length: > 70 } r ? r[..70] + "…" : f.Reason ?? "-", N(f.Count));
        }

        var limits = new CliTable("Account", "Sent", "Peak / s", "Limit / s", "Usage / s", "Limit / h", "Usage / h") { Title = "Sending against rate limits (last hour)" };
        foreach (var r in s.RateLimits)
        {
            limits.Add(r.AccountId, N(r.SentLastHour), N(r.PeakPerSecond), r.PerSecondLimit.ToString("0.#", CultureInfo.InvariantCulture),
                Rate(r.PerSecondUsage), r.PerHourLimit <= 0 ? "none" : N(r.PerHourLimit), Rate(r.PerHourUsage));
        }

        var b = s.Backlog;
        var backlog = new CliTable("Queue", "Now") { Title = "Backlog" }
            .Add("Inbound waiting for a bot", N(b.InboundPending))
            .Add("Outbound waiting to send", N(b.OutboundPending))
            .Add("Outbound retrying (throttled or transient errors)", N(b.OutboundRetrying))
            .Add("Sends throttled by the provider in the period", N(s.Throttled))
            .Add("Failed provider webhooks (webhooks replay)", N(b.FailedWebhookEvents))
            .Add("Statuses waiting for their message", N(b.ParkedStatuses))
            .Add("Outgoing webhooks pending / failed", $"{N(b.OutgoingWebhooksPending)} / {N(b.OutgoingWebhooksFailed)}");

        return [messages, delivery, failures, limits, backlog];
    }

    public static string Title(MonitorSnapshot s, string database) =>
        $"Parley — {(s.AccountId is null ? "all accounts" : $"account {s.AccountId}")}, {s.From.ToString("u", CultureInfo.InvariantCulture)} to {s.To.ToString("u", CultureInfo.InvariantCulture)} — {database}";

    /// <summary>For a terminal: the tables side by side where they fit, a delivery bar, and a sentence where a table would be empty.</summary>
    public static IRenderable Render(MonitorSnapshot s, string database)
    {
        var tables = Tables(s);
        var d = s.Delivery;
        IRenderable chart = d.Total == 0
            ? new Text("No outbound messages in the period.")
            : new BreakdownChart().FullSize()
                .AddItem("queued", d.Queued, Color.Grey)
                .AddItem("sent", d.Sent, Color.Blue)
                .AddItem("delivered", d.Delivered, Color.Green)
                .AddItem("read", d.Read, Color.Aqua)
                .AddItem("failed", d.Failed, Color.Red);
        IRenderable Or(CliTable table, string empty) => table.Rows.Count == 0 ? new Markup($"[bold]{Markup.Escape(table.Title!)}[/]: {Markup.Escape(empty)}") : table.ToRenderable();

        return new Rows(
            new Rule(Markup.Escape(Title(s, database))),
            new Columns(tables[0].ToRenderable(), tables[1].ToRenderable()),
            chart,
            Or(tables[2], "none in the period."),
            Or(tables[3], "no account has sent in the last hour."),
            tables[4].ToRenderable());
    }

    /// <summary>For a pipe: a title comment, then each table as a tab-separated block (header and rows), blocks separated by an empty line.</summary>
    public static void WritePlain(MonitorSnapshot s, string database, TextWriter output)
    {
        output.WriteLine($"# {Title(s, database)}");
        foreach (var table in Tables(s))
        {
            output.WriteLine();
            table.WritePlain(output);
        }
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double? ms) => ms is null ? "-" : ms < 1000 ? $"{ms:0} ms" : $"{ms / 1000:0.0} s";

    private static string Rate(double? rate) => rate is null ? "-" : rate.Value.ToString("P1", CultureInfo.InvariantCulture);
}
