using System.Globalization;

namespace Parley.Bench;

/// <summary>
/// Fault: a flood of forged webhooks (right shape, wrong signature) on top of legitimate traffic. First half: legitimate
/// traffic alone; second half: the same plus the flood. Every forged delivery must be refused with 401 before any
/// database write (the webhook_events table holds exactly the legitimate deliveries), and legitimate traffic should
/// keep its p99.
/// </summary>
public static class ForgedScenario
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var report = new Report();
        report.Section("Setup");
        report.Row("machine", Report.Machine());
        report.Row("scenario", $"{o.Rate:0} legitimate message webhooks/s for {o.Seconds:0.#} s; forged flood of {o.ForgedRate:0}/s in the second half; {o.Db}");

        await using var run = await BenchRun.StartAsync(o);
        var parley = await run.StartInstanceAsync(0);
        using var forger = new LoadGenerator(
            _ => (new Uri(parley.BaseUrl, $"/webhooks/meta/{MetaWire.AccountId}"), 0), run.Traffic.Completed, o.MaxInFlight);
        Outgoing Forged(long i, long intended)
        {
            var waId = MetaWire.WaId((int)(i % 1000) + 5000);
            var body = MetaWire.Inbound(waId, string.Create(CultureInfo.InvariantCulture, $"wamid.FORGED{i:000000000}"), "forged", TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), 0);
            return new Outgoing(RequestKind.Forged, body, MetaWire.Forge(body), -1);
        }

        await run.Generator.RunAsync(o.Rate, TimeSpan.FromSeconds(Math.Min(2, o.Warmup)), (_, at) => run.NewMessage(at));
        var half = TimeSpan.FromSeconds(o.Seconds / 2);
        run.Traffic.StartWindow(TimeSpan.FromSeconds(o.Seconds));
        run.Traffic.PhaseSplit = run.Traffic.WindowStart + LoadGenerator.Ticks(half);
        await run.Generator.RunAsync(o.Rate, half, (_, at) => run.NewMessage(at));
        await Task.WhenAll(
            run.Generator.RunAsync(o.Rate, half, (_, at) => run.NewMessage(at)),
            forger.RunAsync(o.ForgedRate, half, (i, at) => Forged(i, at)));
        run.SendStatuses = false;
        run.Generator.ClearScheduled();
        await Task.WhenAll(run.Generator.DrainAsync(TimeSpan.FromSeconds(30)), forger.DrainAsync(TimeSpan.FromSeconds(30)));
        var missing = await run.WaitForAnswersAsync(m => run.Traffic.InWindow(m.Intended), quiet: TimeSpan.FromSeconds(10), max: TimeSpan.FromSeconds(60));

        var t = run.Traffic;
        var forged = t.Kind(RequestKind.Forged, 1);
        var forged401 = forged.Statuses.GetValueOrDefault(401);
        // Every acknowledged legitimate delivery (warm-up included) is one webhook_events row; forged ones add none.
        var legitAcked = t.TotalAcked;
        var events = await run.Database.ScalarAsync("SELECT COUNT(*) FROM webhook_events");
        var forgedRows = await run.Database.ScalarAsync("SELECT COUNT(*) FROM messages WHERE provider_message_id LIKE 'wamid.FORGED%'");

        report.Section("Outcome");
        report.Row("forged", $"{forged.Sent} sent in the window, {forged401} refused with 401, {forged.Sent - forged401} otherwise ({string.Join(", ", forged.Statuses.Select(kv => $"{kv.Key}:{kv.Value}"))}); {forger.Dropped} dropped by the generator");
        report.Latency("forged answered in", forged.RejectedLatency);
        report.Row("database", $"{events} webhook events for {legitAcked} acknowledged legitimate deliveries; {forgedRows} messages from forged deliveries (goal 0)");
        report.Latency("legit ack, no flood", t.AckLatency(0));
        report.Latency("legit ack, flood", t.AckLatency(1));
        report.Latency("e2e (whole window)", t.EndToEnd);
        report.Row("legit ack_rps", $"{t.AckRps(0) * 2:0.0} /s without, {t.AckRps(1) * 2:0.0} /s with the flood");
        report.Row("logs", run.LogDirectory);

        var ok = forged401 == forged.Sent && forgedRows == 0 && events == legitAcked && missing == 0;
        report.Print(Console.Out);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SCENARIO forged {(ok ? "PASS" : "FAIL")} forged={forged.Sent} refused_401={forged401} forged_rows={forgedRows} webhook_events={events} legit_acked={legitAcked} legit_p99_ms_before={t.AckLatency(0).PercentileMs(99):0.00} legit_p99_ms_flood={t.AckLatency(1).PercentileMs(99):0.00} legit_unanswered={missing}"));
        return ok ? 0 : 1;
    }
}
