using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Tests.Faults;

/// <summary>
/// PostgreSQL goes away under webhook load (a TCP proxy in front of it is cut and restored, as a restart looks to
/// Parley): while it is down webhooks get 503 with Retry-After, never 500, and afterwards Parley reconnects and
/// catches up. Regression guard: an outage used to answer 500, and the stale pooled connections a restart leaves
/// behind counted attempts against good messages until they were marked failed.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task PostgresRestartUnderLoad_503WithRetryAfterWhileDown_ThenEveryAckedMessageStoredAndAnsweredOnce()
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using var proxy = TcpProxy.StartFor(database.PostgresEndpoint);
        // One attempt per message: any database error counted as an attempt would mark its message failed at once.
        await using var app = TestApp.Start(database, FaultSettings.For(graph, new Dictionary<string, string?>(database.Settings(proxy))
        {
            ["Parley:Workers:MaxAttempts"] = "1",
        }));
        var ledger = new FaultLedger();
        var load = new FaultLoad(ledger, () => [app.Client]) { Contacts = 30 };

        var running = load.RunAsync(rate: 20, duration: TimeSpan.FromSeconds(12));
        await FaultLoad.Until(() => ledger.Messages.Count(m => m.Acked) >= 20, "the first webhooks acknowledged");
        proxy.Stop();
        await FaultLoad.Until(() => ledger.Count(503) >= 5, "webhooks answered 503 while PostgreSQL is down");
        var down = await Readiness.ReadAsync(app.Client);
        await Task.Delay(TimeSpan.FromSeconds(3));
        proxy.Start();

        await running;
        await load.DrainAsync(TimeSpan.FromSeconds(90));
        var outcome = await ledger.SettleAsync(app.Get<Database>(), graph, TimeSpan.FromSeconds(90));
        output.WriteLine(outcome.ToString());

        down.Code.ShouldBe(HttpStatusCode.ServiceUnavailable);
        down.Checks["database"].ShouldBe("unhealthy");
        outcome.Statuses.GetValueOrDefault(503).ShouldBeGreaterThan(0);
        // No duplicate sends either: a reply Meta accepted just before the cut is recorded once PostgreSQL is back
        // (the worker keeps trying while its lease holds), not sent again.
        outcome.ShouldBeClean();
        await TestRedis.EventuallyAsync(async () => (await Readiness.ReadAsync(app.Client)).Code == HttpStatusCode.OK, "ready again once PostgreSQL is back");
    }

    /// <summary>The database unreachable: each HTTP surface says so cleanly (503, not ready), and the log says it once.</summary>
    [Theory, SqliteData, PostgresData]
    public async Task DatabaseUnreachable_WebhookSandboxApiAndReadiness_Answer503_AndLogOneWarning(DatabaseKind kind)
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var proxy = kind == DatabaseKind.Postgres ? TcpProxy.StartFor(database.PostgresEndpoint) : null;
        var logs = new CapturingLoggerProvider();
        var settings = FaultSettings.For(graph, proxy is null ? null : database.Settings(proxy));
        await using var app = TestApp.Start(database, settings, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var api = await app.ApiClientAsync();
        // The account is cached from here on: the webhooks below fail where they store, not where they look it up.
        (await app.Client.PostMetaWebhookAsync(FaultLedger.AccountId, MetaWebhooks.Text("16505550001", "before", "wamid.unreachable.0"))).EnsureSuccessStatusCode();

        var restore = TakeAway(database, proxy);
        try
        {
            using var webhook = await app.Client.PostMetaWebhookAsync(FaultLedger.AccountId, MetaWebhooks.Text("16505550001", "during", "wamid.unreachable.1"));
            using var again = await app.Client.PostMetaWebhookAsync(FaultLedger.AccountId, MetaWebhooks.Text("16505550001", "during", "wamid.unreachable.2"));
            using var sandbox = await app.Client.PostAsJsonAsync("/api/v1/sandbox/echo/messages", new { from = "+15550001111", text = "hola" });
            using var apiList = await api.GetAsync("/api/v1/conversations");
            var ready = await Readiness.ReadAsync(app.Client);

            foreach (var response in new[] { webhook, again, sandbox, apiList })
            {
                var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}";
                response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, what);
                response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5), what);
                response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", what);
            }

            ready.Code.ShouldBe(HttpStatusCode.ServiceUnavailable);
            ready.Checks["database"].ShouldBe("unhealthy");
        }
        finally
        {
            restore();
        }

        var warnings = logs.Entries.Where(e => e.Category.EndsWith("ProblemExceptionHandler", StringComparison.Ordinal)).ToList();
        warnings.Count.ShouldBe(1, "one warning for the outage, not one per request");
        warnings[0].Level.ShouldBe(LogLevel.Warning);
        warnings[0].Exception.ShouldBeNull("no stack trace per request");

        // And back: the webhook refused during the outage is taken when Meta redelivers it (the first tries after a
        // restart may still meet a stale pooled connection and get another 503).
        await TestRedis.EventuallyAsync(async () =>
        {
            using var redelivered = await app.Client.PostMetaWebhookAsync(FaultLedger.AccountId, MetaWebhooks.Text("16505550001", "during", "wamid.unreachable.1"));
            redelivered.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
            return redelivered.StatusCode == HttpStatusCode.OK;
        }, "the redelivery acknowledged after the database came back");
    }

    /// <summary>
    /// Makes the database unreachable and returns how to bring it back: PostgreSQL by cutting the proxy; SQLite by
    /// moving its folder away (new connections cannot open the file) and dropping the pooled connections.
    /// </summary>
    private static Action TakeAway(TestDatabase database, TcpProxy? proxy)
    {
        if (proxy is not null)
        {
            proxy.Stop();
            return proxy.Start;
        }

        var away = database.DataDirectory + ".away";
        Directory.Move(database.DataDirectory, away);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return () =>
        {
            Directory.Move(away, database.DataDirectory);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        };
    }
}
