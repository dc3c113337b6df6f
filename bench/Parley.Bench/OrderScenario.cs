using System.Globalization;

namespace Parley.Bench;

/// <summary>
/// Order per conversation: <c>--contacts</c> conversations each send <c>--per-conversation</c> messages, written one
/// second apart but arriving in one random order across all of them (open loop, so one conversation's deliveries can
/// be in flight together), with 20 % replayed once or twice (at once, or 0.5–3 s later). Parley answers a
/// conversation's messages in the order it stored them (it does not reorder by the sender's timestamp), each once.
/// Passes with zero inversions between stored and answered order, every acknowledged message answered once, and no
/// duplicate at the fake Graph API.
/// </summary>
public static class OrderScenario
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var total = o.Contacts * o.PerConversation;
        var seconds = total / o.Rate;
        var report = new Report();
        report.Section("Setup");
        report.Row("machine", Report.Machine());
        report.Row("scenario", $"{o.Contacts} conversations x {o.PerConversation} messages = {total}, shuffled, 20% replayed, {o.Rate:0} message webhooks/s ({seconds:0.#} s) on {o.Db}");

        await using var run = await BenchRun.StartAsync(o);
        await run.StartInstanceAsync(0);
        var random = new Random(11);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var plan = Enumerable.Range(0, o.Contacts)
            .SelectMany(c => Enumerable.Range(0, o.PerConversation).Select(k => (Contact: c, Typed: k)))
            .OrderBy(_ => random.Next())
            .ToArray();
        var typed = new Dictionary<long, int>();
        long replays = 0;
        Outgoing? Next(long i, long intended)
        {
            if (i >= plan.Length)
            {
                return null;
            }

            var (contact, k) = plan[i];
            var first = run.NewMessage(intended, contact, now - o.PerConversation + k);
            lock (random)
            {
                typed[first.Tag] = k;
                if (random.NextDouble() < 0.2)
                {
                    var message = run.Traffic.Messages[first.Tag];
                    for (var r = random.Next(1, 3); r > 0; r--)
                    {
                        var delay = random.NextDouble() < 0.5 ? TimeSpan.FromMilliseconds(5 * random.NextDouble()) : TimeSpan.FromSeconds(0.5 + (2.5 * random.NextDouble()));
                        run.Generator.Schedule(intended + LoadGenerator.Ticks(delay), BenchRun.Redelivery(message));
                        replays++;
                    }
                }
            }

            return first;
        }

        run.Traffic.StartWindow(TimeSpan.FromSeconds(seconds + 4));
        await run.Generator.RunAsync(o.Rate, TimeSpan.FromSeconds(seconds), Next);
        // No new messages: let the late replays go out.
        await run.Generator.RunAsync(1, TimeSpan.FromSeconds(3.5), null);
        run.SendStatuses = false;
        await run.Generator.DrainAsync(TimeSpan.FromSeconds(30));
        var missing = await run.WaitForAnswersAsync(_ => true, quiet: TimeSpan.FromSeconds(15), max: TimeSpan.FromSeconds(120));

        // Stored order per conversation, from the database; answered order, as the fake Graph API received the echoes.
        var seqOf = run.Traffic.Messages.Values.ToDictionary(m => m.Wamid, m => m.Seq, StringComparer.Ordinal);
        var stored = (await run.Database.QueryAsync<(string WaId, string ProviderId)>(
                """
                SELECT k.wa_id, m.provider_message_id FROM messages m
                JOIN conversations v ON v.id = m.conversation_id JOIN contacts k ON k.id = v.contact_id
                WHERE m.direction = 'inbound' ORDER BY m.id
                """))
            .Where(r => seqOf.ContainsKey(r.ProviderId))
            .GroupBy(r => r.WaId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => seqOf[r.ProviderId]).ToList(), StringComparer.Ordinal);
        var answered = run.Fake.All.Where(r => r.Seq is not null)
            .GroupBy(r => r.To, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Seq!.Value).ToList(), StringComparer.Ordinal);

        long inversions = 0;
        long typedInversions = 0;
        long pairs = 0;
        foreach (var (waId, order) in stored)
        {
            var position = order.Select((seq, i) => (seq, i)).ToDictionary(p => p.seq, p => p.i);
            inversions += Inversions(answered.GetValueOrDefault(waId, []).Select(seq => position.GetValueOrDefault(seq, -1)).ToList());
            var typedOrder = order.Select(seq => typed.GetValueOrDefault(seq)).ToList();
            typedInversions += Inversions(typedOrder);
            pairs += (long)order.Count * (order.Count - 1) / 2;
        }

        var acked = run.Traffic.Messages.Values.Where(m => m.Acked).ToList();
        var storedCount = stored.Values.Sum(s => s.Count);
        var echoes = run.Fake.EchoCounts();
        var unanswered = acked.Count(m => echoes.GetValueOrDefault(m.Seq) == 0);
        var answeredTwice = acked.Count(m => echoes.GetValueOrDefault(m.Seq) > 1);

        report.Section("Outcome");
        report.Row("messages", $"{run.Traffic.Messages.Count} sent, {acked.Count} acknowledged, {storedCount} stored, {replays} replays");
        report.Row("arrival", $"{typedInversions} of {pairs} same-conversation pairs stored against the order they were written in (the shuffle; kept as stored)");
        report.Row("order inversions", $"{inversions} pairs answered against the stored order (goal 0)");
        report.Row("answered once", $"{acked.Count - unanswered - answeredTwice} exactly once; {unanswered} unanswered; {answeredTwice} answered more than once");
        report.Row("duplicates at fake", $"{run.Fake.Duplicates} (goal 0)");
        report.Latency("ack originals", run.Traffic.Kind(RequestKind.Message).Latency);
        report.Latency("ack duplicates", run.Traffic.Kind(RequestKind.Duplicate).Latency);
        report.Latency("e2e", run.Traffic.EndToEnd);
        report.Row("logs", run.LogDirectory);

        var ok = inversions == 0 && unanswered == 0 && answeredTwice == 0 && run.Fake.Duplicates == 0 && missing == 0 && storedCount == run.Traffic.Messages.Count;
        report.Print(Console.Out);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SCENARIO order {(ok ? "PASS" : "FAIL")} conversations={o.Contacts} per_conversation={o.PerConversation} messages={run.Traffic.Messages.Count} replays={replays} stored={storedCount} inversions={inversions} shuffled_pairs={typedInversions} unanswered={unanswered} answered_twice={answeredTwice} fake_duplicates={run.Fake.Duplicates} e2e_p99_ms={run.Traffic.EndToEnd.PercentileMs(99):0.00}"));
        return ok ? 0 : 1;
    }

    /// <summary>Pairs out of order in a list of positions; a missing entry (-1) counts as one.</summary>
    private static long Inversions(IReadOnlyList<int> positions)
    {
        long n = positions.Count(p => p < 0);
        for (var i = 0; i < positions.Count; i++)
        {
            for (var j = i + 1; j < positions.Count; j++)
            {
                n += positions[i] > positions[j] ? 1 : 0;
            }
        }

        return n;
    }
}
