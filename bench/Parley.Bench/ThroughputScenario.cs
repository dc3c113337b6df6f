using System.Globalization;

namespace Parley.Bench;

/// <summary>
/// The benchmark: Parley (one instance) under an open-loop stream of signed Meta webhooks from many contacts to the
/// echo bot, with status webhooks for every reply; acknowledgement and end-to-end latency, throughput, memory and
/// CPU, Parley's own metrics for where the time goes, and the bare-Kestrel baseline for the ratio.
/// </summary>
public static class ThroughputScenario
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var report = new Report();
        report.Section("Setup");
        report.Row("machine", Report.Machine());
        report.Row("database", o.Db);
        report.Row("offered", $"{o.Rate:0} message webhooks/s + ~{o.StatusesPerReply} status webhooks per reply, {o.Contacts} contacts, {o.Warmup:0.#} s warm-up + {o.Seconds:0.#} s measured");
        report.Row("parley", $"child process, Workers:Concurrency={o.Workers}, GC={o.Gc}");

        double parleyCpu, idleRss, peakRss, startup, dbSize;
        long missing, inbound, webhookEvents;
        PrometheusScrape before, after;
        await using (var run = await BenchRun.StartAsync(o))
        {
            var parley = await run.StartInstanceAsync(0);
            startup = parley.StartupTime.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(2));
            idleRss = parley.RssMb();
            using var scrapeClient = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

            await run.Generator.RunAsync(o.Rate, TimeSpan.FromSeconds(o.Warmup), (_, at) => run.NewMessage(at));
            before = await PrometheusScrape.ReadAsync(scrapeClient, parley.BaseUrl);
            var cpuBefore = parley.CpuSeconds();
            var pgBefore = await run.Database.PgCountersAsync();
            var pgCpuBefore = await run.Database.PgBackendCpuAsync();
            var benchCpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            run.Traffic.StartWindow(TimeSpan.FromSeconds(o.Seconds));
            var gauges = SampleGaugesAsync(scrapeClient, parley, TimeSpan.FromSeconds(o.Seconds));
            await run.Generator.RunAsync(o.Rate, TimeSpan.FromSeconds(o.Seconds), (_, at) => run.NewMessage(at));
            var maxDepth = await gauges;
            parleyCpu = parley.CpuSeconds() - cpuBefore;
            var pgCpuAfter = await run.Database.PgBackendCpuAsync();
            var pgCpu = pgCpuAfter.Sum(kv => kv.Value - pgCpuBefore.GetValueOrDefault(kv.Key));
            var benchCpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalSeconds;
            // PostgreSQL publishes backend statistics at most every second or so: let them land.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var pgAfter = await run.Database.PgCountersAsync();
            run.SendStatuses = false;
            run.Generator.ClearScheduled();
            await run.Generator.DrainAsync(TimeSpan.FromSeconds(30));
            missing = await run.WaitForAnswersAsync(m => run.Traffic.InWindow(m.Intended), quiet: TimeSpan.FromSeconds(10), max: TimeSpan.FromSeconds(60));
            after = await PrometheusScrape.ReadAsync(scrapeClient, parley.BaseUrl);
            peakRss = parley.PeakRssMb();
            inbound = await run.Database.ScalarAsync("SELECT COUNT(*) FROM messages WHERE direction = 'inbound'");
            webhookEvents = await run.Database.ScalarAsync("SELECT COUNT(*) FROM webhook_events");
            dbSize = await run.Database.SizeMbAsync();

            var t = run.Traffic;
            var ack = t.AckLatency();
            report.Section("Acknowledgement (webhook sent -> 2xx; open loop, from the intended send time)");
            report.Row("ack_rps", $"{t.AckRps():0.0} /s  ({t.Kind(RequestKind.Message).Acked} messages + {t.Kind(RequestKind.Status).Acked} statuses in {t.WindowSeconds:0.0} s)");
            report.Latency("all webhooks", ack);
            report.Latency("message webhooks", t.Kind(RequestKind.Message).Latency);
            report.Latency("status webhooks", t.Kind(RequestKind.Status).Latency);
            report.Row("not acknowledged", $"{t.Kind(RequestKind.Message).Failed + t.Kind(RequestKind.Status).Failed} failed, {t.Kind(RequestKind.Message).Rejected + t.Kind(RequestKind.Status).Rejected} non-2xx, {run.Generator.Dropped} dropped by the generator");

            var window = t.WindowMessages.ToList();
            report.Section("End to end (webhook sent -> echo reply accepted by the fake Graph API)");
            report.Row("e2e_rps", $"{t.EndToEndRps():0.0} /s  ({window.Count(m => m.Replies > 0)} of {window.Count} window messages answered; {missing} unanswered after the drain)");
            report.Latency("e2e latency", t.EndToEnd);
            report.Row("duplicates at fake", $"{run.Fake.Duplicates} (same text to the same recipient twice; goal 0)");

            report.Section("Parley's view (/metrics over the measured window)");
            static bool Webhook(string l) => l.Contains("http_route=\"/webhooks/meta/{accountId}\"", StringComparison.Ordinal) && l.Contains("POST", StringComparison.Ordinal);
            report.Row("server ack time", $"p50={Ms(after.Quantile(before, "http_server_request_duration_seconds", 0.5, Webhook))} p99={Ms(after.Quantile(before, "http_server_request_duration_seconds", 0.99, Webhook))} ms (Kestrel request duration of the webhook route)");
            report.Row("intake transaction", $"p50={Ms(after.Quantile(before, "parley_intake_duration_seconds", 0.5))} p99={Ms(after.Quantile(before, "parley_intake_duration_seconds", 0.99))} ms (store one delivery durably)");
            report.Row("inbound processing", $"p50={Ms(after.Quantile(before, "parley_processing_duration_seconds", 0.5))} p99={Ms(after.Quantile(before, "parley_processing_duration_seconds", 0.99))} ms (bot + replies queued + commit)");
            report.Row("inbound lag", $"p50={Ms(after.Quantile(before, "parley_inbound_lag_seconds", 0.5))} p99={Ms(after.Quantile(before, "parley_inbound_lag_seconds", 0.99))} ms (stored -> replies queued)");
            report.Row("provider call", $"p50={Ms(after.Quantile(before, "parley_provider_request_duration_seconds", 0.5))} p99={Ms(after.Quantile(before, "parley_provider_request_duration_seconds", 0.99))} ms (send to the fake Graph API)");
            if (pgBefore is not null && pgAfter is not null)
            {
                var n = (double)Math.Max(1, t.Kind(RequestKind.Message).Sent);
                report.Row("PostgreSQL per message", $"{(pgAfter.xact_commit - pgBefore.xact_commit) / n:0.0} commits, {(pgAfter.tup_inserted - pgBefore.tup_inserted) / n:0.0} rows inserted, {(pgAfter.tup_updated - pgBefore.tup_updated) / n:0.0} updated, {(pgAfter.tup_deleted - pgBefore.tup_deleted) / n:0.0} deleted, {(pgAfter.tup_fetched - pgBefore.tup_fetched) / n:0.0} fetched (pg_stat_database over the window, with its statuses)");
            }

            var commands = after.Sum("db_client_operation_duration_seconds_count") - before.Sum("db_client_operation_duration_seconds_count");
            if (commands > 0)
            {
                report.Row("SQL commands per message", $"{commands / Math.Max(1, t.Kind(RequestKind.Message).Sent):0.0}, each p50={Ms(after.Quantile(before, "db_client_operation_duration_seconds", 0.5))} p99={Ms(after.Quantile(before, "db_client_operation_duration_seconds", 0.99))} ms (Npgsql's metrics over the window, with its statuses)");
            }

            report.Row("queue depth max", $"inbound {maxDepth.Inbound:0}, outbound {maxDepth.Outbound:0} (sampled each second)");
            report.Row("concurrency max", $"{maxDepth.ActiveRequests:0} requests in progress, {maxDepth.Threads:0} thread-pool threads, {maxDepth.ThreadQueue:0} work items queued, {maxDepth.ConnectionsUsed:0} database connections in use, {maxDepth.ConnectionWaits:0} waiting for one");
            report.Row("retries / failures", $"{after.Sum("parley_retries_total") - before.Sum("parley_retries_total"):0} / {after.Sum("parley_send_failures_total") - before.Sum("parley_send_failures_total"):0}");
            report.Row("GC", $"{after.Sum("dotnet_gc_collections_total") - before.Sum("dotnet_gc_collections_total"):0} collections, {(after.Sum("dotnet_gc_heap_total_allocated_bytes_total") - before.Sum("dotnet_gc_heap_total_allocated_bytes_total")) / 1048576.0 / Math.Max(1, t.Kind(RequestKind.Message).Acked):0.00} MB allocated per message, pause {(after.Sum("dotnet_gc_pause_time_seconds_total") - before.Sum("dotnet_gc_pause_time_seconds_total")) * 1000:0} ms");
            report.Row("CPU", $"{parleyCpu:0.00} s of Parley CPU in {t.WindowSeconds:0.0} s = {parleyCpu / t.WindowSeconds * 100:0}% of one core; {parleyCpu * 1000 / Math.Max(1, window.Count):0.00} ms per message (with its ~{(double)t.Kind(RequestKind.Status).Sent / Math.Max(1, window.Count):0.0} statuses)");
            if (o.Db == "postgres")
            {
                report.Row("CPU, PostgreSQL", $"{pgCpu:0.00} s in its backends for this database = {pgCpu * 1000 / Math.Max(1, window.Count):0.00} ms per message");
            }

            report.Row("CPU, bench", $"{benchCpu:0.00} s (generator, signatures, fake Graph API) = {benchCpu * 1000 / Math.Max(1, window.Count):0.00} ms per message");

            report.Section("Memory and storage");
            report.Row("startup", $"{startup:0.00} s to /health");
            report.Row("idle RSS", $"{idleRss:0} MB (after start, before load)");
            report.Row("peak RSS", $"{peakRss:0} MB (VmHWM; {o.Contacts} conversations active)");
            report.Row("stored", $"{inbound} inbound messages, {webhookEvents} webhook events, database {dbSize:0.0} MB");
            report.Row("logs", run.LogDirectory);
            await File.WriteAllTextAsync(Path.Combine(run.LogDirectory, "metrics-end.txt"), after.Text);

            var baseline = await Baseline.MeasureAsync(o, o.Rate * (1 + ((double)t.Kind(RequestKind.Status).Sent / Math.Max(1, t.Kind(RequestKind.Message).Sent))), Math.Min(o.Seconds, 5), run.LogDirectory);
            report.Section("Baseline (bare Kestrel endpoint answering 200, own process, same generator)");
            report.Latency("same offered rate", baseline.AtRate);
            report.Row("baseline_rps", $"{baseline.MaxRps:0} /s closed loop, 64 connections, {o.BaselineSeconds:0.#} s ({baseline.Saturated.Summary()})");
            report.Row("Parley / baseline", $"ack p50 x{Ratio(ack.PercentileMs(50), baseline.AtRate.PercentileMs(50))}, ack p99 x{Ratio(ack.PercentileMs(99), baseline.AtRate.PercentileMs(99))}; e2e_rps = {t.EndToEndRps() / Math.Max(1, baseline.MaxRps) * 100:0.0}% of baseline_rps");

            report.Print(Console.Out);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT ack_rps={t.AckRps():0.0} ack_p50_ms={ack.PercentileMs(50):0.00} ack_p99_ms={ack.PercentileMs(99):0.00} e2e_rps={t.EndToEndRps():0.0} e2e_p50_ms={t.EndToEnd.PercentileMs(50):0.00} e2e_p99_ms={t.EndToEnd.PercentileMs(99):0.00} peak_rss_mb={peakRss:0} baseline_rps={baseline.MaxRps:0}"));
        }

        return 0;
    }

    private static string Ms(double seconds) => Report.F(seconds * 1000);

    private static string Ratio(double a, double b) => b <= 0 ? "n/a" : Report.F(a / b, "0.0");

    /// <summary>Maxima of gauges sampled once a second over the window (the queue depth gauge refreshes every 5 s).</summary>
    private sealed record Sampled(double Inbound, double Outbound, double Threads, double ThreadQueue, double ActiveRequests, double ConnectionsUsed, double ConnectionWaits);

    private static async Task<Sampled> SampleGaugesAsync(HttpClient client, ChildProcess parley, TimeSpan length)
    {
        var max = new Sampled(0, 0, 0, 0, 0, 0, 0);
        var end = LoadGenerator.Now + LoadGenerator.Ticks(length);
        while (LoadGenerator.Now < end)
        {
            var s = await PrometheusScrape.ReadAsync(client, parley.BaseUrl);
            max = new Sampled(
                Math.Max(max.Inbound, s.Sum("parley_queue_depth", l => l.Contains("inbound", StringComparison.Ordinal))),
                Math.Max(max.Outbound, s.Sum("parley_queue_depth", l => l.Contains("outbound", StringComparison.Ordinal))),
                Math.Max(max.Threads, s.Sum("dotnet_thread_pool_thread_count_total")),
                Math.Max(max.ThreadQueue, s.Sum("dotnet_thread_pool_queue_length_total")),
                Math.Max(max.ActiveRequests, s.Sum("http_server_active_requests")),
                Math.Max(max.ConnectionsUsed, s.Sum("db_client_connection_count", l => l.Contains("state=\"used\"", StringComparison.Ordinal))),
                Math.Max(max.ConnectionWaits, s.Sum("db_client_connection_npgsql_pending_requests")));
            await Task.Delay(1000);
        }

        return max;
    }
}
