using System.Globalization;
using Dapper;
using Parley.Core.Inbound;
using Parley.Core.Messaging;

namespace Parley.Tests.Pipeline;

/// <summary>
/// Webhook intake under group commit (<see cref="Database.WriteAsync{T}"/>): many deliveries per transaction, each
/// stored once, a bad one failing alone. That queued units share a transaction is shown in WriteGroupsTests.
/// </summary>
public sealed class GroupCommitTests
{
    // Group commit is named explicitly: by default PostgreSQL writes each delivery in its own transaction.
    private static readonly Dictionary<string, string?> NoWorkers = new() { ["Parley:Workers:Enabled"] = "false", ["Parley:Database:GroupWrites"] = "true" };

    [Theory, SqliteData, PostgresData]
    public async Task ConcurrentDeliveriesWithDuplicates_AreStoredOnceEach(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, NoWorkers);
        var intake = app.Get<IntakeStore>();

        // 300 deliveries from 40 contacts; every third one redelivers an earlier message, at the same time.
        var deliveries = Enumerable.Range(0, 300).Select(n =>
        {
            var id = n % 3 == 2 ? n - 1 : n;
            return Batch(Contact(id % 40), $"wamid.group.{id}", $"message {id}");
        }).ToList();
        var results = await Task.WhenAll(deliveries.Select(d => Task.Run(() => intake.StoreAsync(d))));

        var unique = deliveries.Select(d => d.Messages[0].ProviderMessageId).Distinct().Count();
        results.Sum(r => r.NewMessageIds.Count).ShouldBe(unique);
        results.Sum(r => r.DuplicateMessages).ShouldBe(300 - unique);
        results.Select(r => r.WebhookEventId).Distinct().Count().ShouldBe(300);
        await using var c = await app.Get<Database>().OpenAsync();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE provider_message_id LIKE 'wamid.group.%'")).ShouldBe(unique);
        (await c.ExecuteScalarAsync<long>("SELECT SUM(in_pending) FROM conversations")).ShouldBe(unique);
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_events")).ShouldBe(300);
    }

    [Theory, SqliteData, PostgresData]
    public async Task OneBadDeliveryInAGroup_FailsAlone(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, NoWorkers);
        var intake = app.Get<IntakeStore>();
        var database = app.Get<Database>();

        var good = new List<Task<IntakeResult>>();
        Task<IntakeResult> bad;
        await using (var holder = await database.OpenAsync())
        {
            // On SQLite the gate holds everyone in one queue; on PostgreSQL they queue behind the first writer's commit.
            await using var tx = database.Kind == DatabaseKind.Sqlite ? await database.BeginWriteAsync(holder) : null;
            for (var n = 0; n < 10; n++)
            {
                good.Add(intake.StoreAsync(Batch(Contact(1), $"wamid.bad.{n}", $"m{n}")));
            }

            // A message type the schema refuses (NOT NULL): the store fails inside the group's transaction.
            bad = intake.StoreAsync(new InboundBatch("sandbox", "sandbox", "{}")
            {
                Messages = [new InboundMessage("wamid.bad.x", new ContactRef(Contact(1)), new MessageContent { Type = null! }, DateTimeOffset.UnixEpoch)],
            });
            for (var n = 10; n < 20; n++)
            {
                good.Add(intake.StoreAsync(Batch(Contact(1), $"wamid.bad.{n}", $"m{n}")));
            }
        }

        await Should.ThrowAsync<Exception>(() => bad);
        (await Task.WhenAll(good)).Sum(r => r.NewMessageIds.Count).ShouldBe(20);
        await using var c = await database.OpenAsync();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE provider_message_id LIKE 'wamid.bad.%'")).ShouldBe(20);
    }

    private static string Contact(int n) => "1555000" + n.ToString("D4", CultureInfo.InvariantCulture);

    private static InboundBatch Batch(string waId, string providerId, string text) =>
        new("sandbox", "sandbox", "{}")
        {
            Messages = [new InboundMessage(providerId, new ContactRef(waId), MessageContent.FromText(text), DateTimeOffset.UnixEpoch)],
        };
}
