using System.Diagnostics;
using System.Globalization;

namespace Parley.Bench;

/// <summary>
/// Fault: <c>kill -9</c> of a Parley instance, again and again, under load. On PostgreSQL two instances share the
/// database and the traffic; each kill takes one down (the other keeps serving) and it is restarted at once. On SQLite
/// one instance is killed and restarted. Deliveries that got no 2xx are redelivered a second later, as Meta does.
/// At the end: every acknowledged message is stored once and answered once, held work was taken over within the lease
/// time, restarts served again within 3 s, and the fake provider saw no duplicate sends.
/// </summary>
public static class KillScenario
{
    private const int MaxDeliveries = 8;

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var report = new Report();
        var instances = o.Db == "postgres" ? 2 : 1;
        report.Section("Setup");
        report.Row("machine", Report.Machine());
        report.Row("scenario", $"kill -9 every {o.KillEvery:0.#} s for {o.Seconds:0.#} s, {instances} instance(s) on {o.Db}, {o.Rate:0} message webhooks/s, {o.Contacts} contacts");

        await using var run = await BenchRun.StartAsync(o);
        var ports = new int[instances];
        for (var i = 0; i < instances; i++)
        {
            ports[i] = ChildProcess.FreePort();
            await run.StartInstanceAsync(i, ports[i]);
        }

        // Meta redelivers what was not acknowledged; the bench does so after a second, up to MaxDeliveries times.
        var redeliveries = 0L;
        var original = run.Traffic;
        var generator = run.Generator;
        run.Traffic.OnCompleted = c =>
        {
            if (!c.Acked && c.Request.Kind is RequestKind.Message or RequestKind.Duplicate
                && original.Messages.TryGetValue(c.Request.Tag, out var m) && !m.Acked && m.Deliveries < MaxDeliveries)
            {
                Interlocked.Increment(ref redeliveries);
                generator.Schedule(LoadGenerator.Now + LoadGenerator.Ticks(TimeSpan.FromSeconds(1)), BenchRun.Redelivery(m));
            }
        };

        await run.Generator.RunAsync(o.Rate, TimeSpan.FromSeconds(Math.Min(2, o.Warmup)), (_, at) => run.NewMessage(at));
        run.Traffic.StartWindow(TimeSpan.FromSeconds(o.Seconds));
        var kills = new List<(int Instance, double At, double RestartSeconds)>();
        var killer = Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var next = 0;
            while (Stopwatch.GetElapsedTime(started).TotalSeconds + o.KillEvery < o.Seconds)
            {
                await Task.Delay(TimeSpan.FromSeconds(o.KillEvery));
                var victim = next++ % instances;
                await run.KillInstanceAsync(victim);
                var at = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var child = await run.StartInstanceAsync(victim, ports[victim]);
                lock (kills)
                {
                    kills.Add((victim, at, child.StartupTime.TotalSeconds));
                }
            }
        });
        await run.Generator.RunAsync(o.Rate, TimeSpan.FromSeconds(o.Seconds), (_, at) => run.NewMessage(at));
        await killer;

        // Let redeliveries finish (they keep the generator's schedule running), then wait for answers.
        var settle = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(settle) < TimeSpan.FromSeconds(15) && run.Traffic.Messages.Values.Any(m => !m.Acked && m.Deliveries < MaxDeliveries))
        {
            await run.Generator.RunAsync(1, TimeSpan.FromSeconds(1), null);
        }

        run.SendStatuses = false;
        run.Generator.ClearScheduled();
        await run.Generator.DrainAsync(TimeSpan.FromSeconds(30));
        var missing = await run.WaitForAnswersAsync(_ => true, quiet: TimeSpan.FromSeconds(45), max: TimeSpan.FromSeconds(90));

        var acked = run.Traffic.Messages.Values.Where(m => m.Acked).ToList();
        var stored = (await run.Database.QueryAsync<(string provider_message_id, long n)>(
            "SELECT provider_message_id, COUNT(*) AS n FROM messages WHERE direction = 'inbound' GROUP BY provider_message_id"))
            .ToDictionary(r => r.provider_message_id, r => r.n, StringComparer.Ordinal);
        var notStored = acked.Count(m => !stored.ContainsKey(m.Wamid));
        var storedTwice = stored.Values.Count(n => n > 1);
        var echoes = run.Fake.EchoCounts();
        var answeredTwice = acked.Count(m => echoes.GetValueOrDefault(m.Seq) > 1);
        var unanswered = acked.Count(m => echoes.GetValueOrDefault(m.Seq) == 0);
        var slow = run.Traffic.AllEndToEnd;
        var maxRestart = kills.Count == 0 ? 0 : kills.Max(k => k.RestartSeconds);
        var unackedEver = run.Traffic.Messages.Values.Count(m => !m.Acked);

        report.Section("Outcome");
        report.Row("kills", $"{kills.Count} ({string.Join(", ", kills.Select(k => string.Create(CultureInfo.InvariantCulture, $"#{k.Instance}@{k.At:0.0}s restart {k.RestartSeconds:0.00}s")))})");
        report.Row("restart to serving", $"max {maxRestart:0.00} s, median {(kills.Count == 0 ? 0 : kills.Select(k => k.RestartSeconds).Order().ElementAt(kills.Count / 2)):0.00} s (goal <= 3 s)");
        report.Row("messages", $"{run.Traffic.Messages.Count} sent, {acked.Count} acknowledged, {unackedEver} never acknowledged after {MaxDeliveries} deliveries, {redeliveries} redeliveries");
        report.Row("stored once", $"{acked.Count - notStored} of {acked.Count} acknowledged stored; {notStored} missing; {storedTwice} stored twice");
        report.Row("answered once", $"{acked.Count - unanswered - answeredTwice} exactly once; {unanswered} unanswered; {answeredTwice} answered more than once");
        report.Row("duplicates at fake", $"{run.Fake.Duplicates} (goal 0)");
        report.Latency("e2e (all)", slow);
        report.Row("held work taken over", $"slowest answer {slow.MaxMs / 1000:0.0} s after its webhook (lease 30 s: goal <= 30 s + processing)");
        report.Latency("ack (messages)", run.Traffic.Kind(RequestKind.Message).Latency);
        report.Row("logs", run.LogDirectory);

        var ok = notStored == 0 && storedTwice == 0 && unanswered == 0 && answeredTwice == 0 && run.Fake.Duplicates == 0 && missing == 0;
        var timely = maxRestart <= 3 && slow.MaxMs <= 35_000;
        report.Print(Console.Out);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SCENARIO kill {(ok ? "PASS" : "FAIL")} kills={kills.Count} acked={acked.Count} not_stored={notStored} stored_twice={storedTwice} unanswered={unanswered} answered_twice={answeredTwice} fake_duplicates={run.Fake.Duplicates} max_restart_s={maxRestart:0.00} max_e2e_s={slow.MaxMs / 1000:0.0} timing_goals={(timely ? "met" : "missed")}"));
        return ok ? 0 : 1;
    }
}
