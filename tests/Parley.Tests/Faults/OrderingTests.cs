using System.Collections.Concurrent;
using Dapper;

namespace Parley.Tests.Faults;

/// <summary>
/// Per-conversation order under concurrency: 200 conversations × 10 messages, all conversations at once, each
/// conversation's messages delivered in a shuffled order (Meta does not promise its own), a third of them with a
/// duplicate delivery, at once or later. Parley keeps the order in which it acknowledged a conversation's messages
/// (it does not reorder by the sender's timestamp): stored in that order, processed in that order, answered in that
/// order, each once.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class OrderingTests(ITestOutputHelper output)
{
    private const int Conversations = 200;
    private const int PerConversation = 10;

    /// <remarks>
    /// SQLite only, to keep the suite short (PostgreSQL took over a minute here); order across two instances on
    /// PostgreSQL is in TwoInstanceTests, and <c>bench/faults/order.sh --db postgres</c> runs this at any size.
    /// </remarks>
    [Fact]
    public async Task ShuffledArrivalsWithDuplicates_ZeroOrderInversionsPerConversation()
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, FaultSettings.For(graph));
        var ledger = new FaultLedger();
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var acknowledged = new ConcurrentDictionary<string, List<FaultMessage>>(StringComparer.Ordinal);
        var duplicates = 0;

        await Task.WhenAll(Enumerable.Range(0, Conversations).Select(c => Task.Run(async () =>
        {
            var random = new Random(2026 + c);
            var from = $"1650558{c:0000}";
            // Typed in this order (ascending timestamps), delivered in another.
            var typed = Enumerable.Range(0, PerConversation).Select(k => ledger.NewMessage(from, timestamp: now - PerConversation + k)).ToList();
            var order = new List<FaultMessage>();
            foreach (var message in typed.OrderBy(_ => random.Next()))
            {
                await Task.Delay(random.Next(0, 20));
                var copies = random.NextDouble() < 0.15 ? 2 : 1; // a duplicate delivered at the same moment
                Interlocked.Add(ref duplicates, copies - 1);
                await Task.WhenAll(Enumerable.Range(0, copies).Select(_ => DeliverAsync(ledger, app.Client, message)));
                order.Add(message);
                if (order.Count > 1 && random.NextDouble() < 0.2)
                {
                    // A late redelivery of an earlier message: acknowledged again, stored and answered once, order untouched.
                    Interlocked.Increment(ref duplicates);
                    await DeliverAsync(ledger, app.Client, order[random.Next(order.Count - 1)]);
                }
            }

            acknowledged[from] = order;
        })));

        var outcome = await ledger.SettleAsync(app.Get<Database>(), graph, TimeSpan.FromSeconds(240));

        // Stored order and processing order (replies are queued with the inbound message they answer) from the database.
        List<(string WaId, string ProviderId)> stored;
        List<(string WaId, string ProviderId)> processed;
        await using (var c = await app.Get<Database>().OpenAsync())
        {
            stored = [.. await c.QueryAsync<(string, string)>(
                """
                SELECT k.wa_id, m.provider_message_id FROM messages m
                JOIN conversations v ON v.id = m.conversation_id JOIN contacts k ON k.id = v.contact_id
                WHERE m.direction = 'inbound' AND m.account_id = @AccountId ORDER BY m.id
                """, new { FaultLedger.AccountId })];
            processed = [.. await c.QueryAsync<(string, string)>(
                """
                SELECT k.wa_id, i.provider_message_id FROM messages o
                JOIN messages i ON i.id = o.in_reply_to
                JOIN conversations v ON v.id = o.conversation_id JOIN contacts k ON k.id = v.contact_id
                WHERE o.direction = 'outbound' AND o.account_id = @AccountId ORDER BY o.id
                """, new { FaultLedger.AccountId })];
        }

        // Replies as the fake Graph API received them (one conversation's sends go one after another).
        var byText = ledger.Messages.ToDictionary(m => m.Text, m => m.Wamid, StringComparer.Ordinal);
        var replied = graph.Accepted
            .Select(s => (WaId: s.Json!["to"]!.GetValue<string>(), Text: FaultLedger.EchoedText(s)))
            .Where(r => r.Text is not null && byText.ContainsKey(r.Text))
            .Select(r => (r.WaId, ProviderId: byText[r.Text!]))
            .ToList();

        var storedInversions = Inversions(acknowledged, stored);
        var processedInversions = Inversions(acknowledged, processed.Distinct().ToList());
        var replyInversions = Inversions(acknowledged, replied);
        output.WriteLine($"{Conversations} conversations x {PerConversation} messages, {duplicates} duplicate deliveries: {outcome}");
        output.WriteLine($"order inversions against the acknowledged order: stored {storedInversions}, processed {processedInversions}, replies {replyInversions}");

        outcome.ShouldBeClean();
        outcome.Sent.ShouldBe(Conversations * PerConversation);
        storedInversions.ShouldBe(0);
        processedInversions.ShouldBe(0);
        replyInversions.ShouldBe(0);
    }

    private static async Task DeliverAsync(FaultLedger ledger, HttpClient client, FaultMessage message)
    {
        for (var attempt = 0; attempt < 20 && !await ledger.DeliverAsync(client, message); attempt++)
        {
            await Task.Delay(200);
        }

        message.Acked.ShouldBeTrue($"{message.Wamid} was never acknowledged");
    }

    /// <summary>
    /// Pairs of one conversation's messages seen in the opposite order from the acknowledged one, summed over the
    /// conversations; a conversation seen with other messages than expected counts each missing or extra one too.
    /// </summary>
    private static int Inversions(IReadOnlyDictionary<string, List<FaultMessage>> expected, IEnumerable<(string WaId, string ProviderId)> seen)
    {
        var total = 0;
        foreach (var conversation in seen.GroupBy(s => s.WaId, StringComparer.Ordinal))
        {
            if (!expected.TryGetValue(conversation.Key, out var order))
            {
                continue;
            }

            var position = order.Select((m, i) => (m.Wamid, i)).ToDictionary(p => p.Wamid, p => p.i, StringComparer.Ordinal);
            var positions = conversation.Select(s => position.GetValueOrDefault(s.ProviderId, -1)).ToList();
            total += Math.Abs(order.Count - positions.Count) + positions.Count(p => p < 0);
            for (var i = 0; i < positions.Count; i++)
            {
                for (var j = i + 1; j < positions.Count; j++)
                {
                    total += positions[i] > positions[j] ? 1 : 0;
                }
            }
        }

        return total;
    }
}
