using System.Globalization;

namespace Parley.Bench;

/// <summary>
/// Fault: duplicate webhooks. 30 % of message deliveries are replayed 1–3 times, some concurrently with the original
/// (within a few milliseconds), some later (1–5 s), and after the run a sample is replayed again "days later" (the
/// messages are the deduplication records; retention keeps them). Each message must be stored once and answered
/// once, and duplicates must be answered quickly.
/// </summary>
public static class DuplicatesScenario
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var report = new Report();
        report.Section("Setup");
        report.Row("machine", Report.Machine());
        report.Row("scenario", $"30% of {o.Rate:0} message webhooks/s replayed 1-3 times (half within 5 ms, half 1-5 s later), then a late replay; {o.Seconds:0.#} s on {o.Db}");

        await using var run = await BenchRun.StartAsync(o);
        await run.StartInstanceAsync(0);
        var random = new Random(7);
        long replays = 0;
        Outgoing? WithReplays(long i, long intended)
        {
            var first = run.NewMessage(intended);
            var message = run.Traffic.Messages[first.Tag];
            lock (random)
            {
                if (random.NextDouble() < 0.3)
                {
                    var count = random.Next(1, 4);
                    for (var k = 0; k < count; k++)
                    {
                        var later = random.NextDouble() < 0.5;
                        var delay = later ? TimeSpan.FromSeconds(1 + (4 * random.NextDouble())) : TimeSpan.FromMilliseconds(5 * random.NextDouble());
                        run.Generator.Schedule(intended + LoadGenerator.Ticks(delay), BenchRun.Redelivery(message));
                        Interlocked.Increment(ref replays);
                    }
                }
            }

            return first;
        }

        await run.Generator.RunAsync(o.Rate, TimeSpan.FromSeconds(Math.Min(2, o.Warmup)), (i, at) => WithReplays(i, at));
        run.Traffic.StartWindow(TimeSpan.FromSeconds(o.Seconds + 6));
        await run.Generator.RunAsync(o.Rate, TimeSpan.FromSeconds(o.Seconds), (i, at) => WithReplays(i, at));
        // Keep going without new messages until the late replays are out.
        await run.Generator.RunAsync(1, TimeSpan.FromSeconds(6), null);
        await run.Generator.DrainAsync(TimeSpan.FromSeconds(30));
        var missing = await run.WaitForAnswersAsync(_ => true, quiet: TimeSpan.FromSeconds(10), max: TimeSpan.FromSeconds(60));

        // "Days later": the same deliveries again, long after they were processed.
        var late = run.Traffic.Messages.Values.Where(m => m.Acked).OrderBy(m => m.Seq).Take(200).ToList();
        var lateLatency = new LatencyHistogram();
        long lateAcked = 0;
        using (var client = new HttpClient())
        {
            var url = new Uri(run.Instances[0]!.BaseUrl, $"/webhooks/meta/{MetaWire.AccountId}");
            foreach (var m in late)
            {
                var started = LoadGenerator.Now;
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(m.Body) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.TryAddWithoutValidation(MetaWire.SignatureHeader, m.Signature);
                using var response = await client.SendAsync(request);
                lateLatency.RecordMs((LoadGenerator.Now - started) * 1000.0 / System.Diagnostics.Stopwatch.Frequency);
                lateAcked += response.IsSuccessStatusCode ? 1 : 0;
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var acked = run.Traffic.Messages.Values.Where(m => m.Acked).ToList();
        var echoes = run.Fake.EchoCounts();
        var unanswered = acked.Count(m => echoes.GetValueOrDefault(m.Seq) == 0);
        var answeredTwice = acked.Count(m => echoes.GetValueOrDefault(m.Seq) > 1);
        var inbound = await run.Database.ScalarAsync("SELECT COUNT(*) FROM messages WHERE direction = 'inbound'");
        var processed = await run.Database.ScalarAsync("SELECT COUNT(*) FROM messages WHERE direction = 'inbound' AND process_state = 2");

        report.Section("Outcome");
        report.Row("messages", $"{run.Traffic.Messages.Count} unique, {acked.Count} acknowledged, {replays} replays during the run, {late.Count} late replays");
        report.Row("stored", $"{inbound} inbound rows for {run.Traffic.Messages.Count} unique messages; {processed} processed");
        report.Row("answered once", $"{acked.Count - unanswered - answeredTwice} exactly once; {unanswered} unanswered; {answeredTwice} answered more than once");
        report.Row("duplicates at fake", $"{run.Fake.Duplicates} (goal 0)");
        report.Latency("ack originals", run.Traffic.Kind(RequestKind.Message).Latency);
        report.Latency("ack duplicates", run.Traffic.Kind(RequestKind.Duplicate).Latency);
        report.Latency("ack late replays", lateLatency);
        report.Latency("e2e originals", run.Traffic.EndToEnd);
        report.Row("logs", run.LogDirectory);

        var ok = unanswered == 0 && answeredTwice == 0 && run.Fake.Duplicates == 0 && inbound == run.Traffic.Messages.Count && lateAcked == late.Count && missing == 0;
        report.Print(Console.Out);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SCENARIO duplicates {(ok ? "PASS" : "FAIL")} unique={run.Traffic.Messages.Count} replays={replays + late.Count} stored={inbound} unanswered={unanswered} answered_twice={answeredTwice} fake_duplicates={run.Fake.Duplicates} dup_ack_p50_ms={run.Traffic.Kind(RequestKind.Duplicate).Latency.PercentileMs(50):0.00} dup_ack_p99_ms={run.Traffic.Kind(RequestKind.Duplicate).Latency.PercentileMs(99):0.00}"));
        return ok ? 0 : 1;
    }
}
