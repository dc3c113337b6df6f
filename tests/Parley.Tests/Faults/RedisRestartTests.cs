using System.Net;

namespace Parley.Tests.Faults;

/// <summary>
/// Redis goes away under webhook load and comes back (a TCP proxy in front of it is cut and restored): Parley keeps
/// acknowledging and answering with its in-process fallbacks (the send throttle here), reports Redis degraded in
/// <c>/health/ready</c> while still ready, and uses Redis again once it answers. Nothing acknowledged is lost.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class RedisRestartTests(ITestOutputHelper output)
{
    [Theory, RedisData(DatabaseKind.Sqlite), RedisData(DatabaseKind.Postgres)]
    public async Task RedisCutAndRestoredUnderLoad_ParleyKeepsServing_ReportsDegraded_AndLosesNothing(DatabaseKind kind)
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var proxy = TcpProxy.StartFor(TestRedis.Configuration!);
        // One attempt per message: a Redis error that failed a message would show as a failed message at once.
        await using var app = TestApp.Start(database, FaultSettings.For(graph, new Dictionary<string, string?>
        {
            ["Parley:Redis:Configuration"] = proxy.Configuration,
            ["Parley:Redis:KeyPrefix"] = TestRedis.NewPrefix(),
            ["Parley:Workers:MaxAttempts"] = "1",
        }));
        await TestRedis.EventuallyAsync(async () => await Readiness.CheckAsync(app.Client, "redis") == "healthy", "Redis healthy in /health/ready");
        var ledger = new FaultLedger();
        var load = new FaultLoad(ledger, () => [app.Client]) { Contacts = 30, ContactPrefix = "1650556" };

        var running = load.RunAsync(rate: 15, duration: TimeSpan.FromSeconds(10));
        await FaultLoad.Until(() => ledger.Messages.Count(m => m.Acked) >= 15, "the first webhooks acknowledged");
        proxy.Stop();
        await TestRedis.EventuallyAsync(async () => await Readiness.CheckAsync(app.Client, "redis") == "degraded", "Redis degraded in /health/ready");
        var whileAway = await Readiness.ReadAsync(app.Client);
        var ackedBefore = ledger.Messages.Count(m => m.Acked);
        await FaultLoad.Until(() => ledger.Messages.Count(m => m.Acked) >= ackedBefore + 15, "webhooks acknowledged while Redis is away");
        proxy.Start();
        await TestRedis.EventuallyAsync(async () => await Readiness.CheckAsync(app.Client, "redis") == "healthy", "Redis healthy again after it returned");

        await running;
        await load.DrainAsync(TimeSpan.FromSeconds(60));
        var outcome = await ledger.SettleAsync(app.Get<Database>(), graph, TimeSpan.FromSeconds(60));
        output.WriteLine(outcome.ToString());

        whileAway.Code.ShouldBe(HttpStatusCode.OK, "degraded still serves");
        whileAway.Status.ShouldBe("degraded");
        whileAway.Checks["database"].ShouldBe("healthy");
        outcome.Statuses.Keys.ShouldBe([200], "every delivery acknowledged at the first try: Redis is not needed to take a webhook");
        outcome.ShouldBeClean();
    }
}
