using System.Net;
using Dapper;

namespace Parley.Tests.Scale;

/// <summary>Parley with the real Redis (PARLEY_TEST_REDIS): shared per-contact limits across instances, and service through a Redis outage.</summary>
public sealed class RedisTests
{
    [RedisFact]
    public async Task RedisGoesAway_ReadyIsDegraded_MessagesAreStillAnswered_AndReadyRecoversWhenItReturns()
    {
        await using var proxy = TcpProxy.StartFor(TestRedis.Configuration!);
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Redis:Configuration"] = proxy.Configuration,
            ["Parley:Redis:KeyPrefix"] = TestRedis.NewPrefix(),
        });
        await TestRedis.EventuallyAsync(async () => await RedisStatusAsync(app) == "healthy", "Redis healthy in /health/ready");

        proxy.Stop();
        var ready = await Readiness.ReadAsync(app.Client);
        ready.Code.ShouldBe(HttpStatusCode.OK, "Degraded still serves");
        ready.Status.ShouldBe("degraded");
        ready.Checks["redis"].ShouldBe("degraded");
        ready.Checks["database"].ShouldBe("healthy");

        var echo = app.SandboxFor("echo");
        await echo.SendAsync("+15550007777", "while redis is away");
        (await echo.WaitForRepliesAsync("+15550007777", 2)).ShouldContain(r => r.Text!.Contains("while redis is away", StringComparison.Ordinal));

        proxy.Start();
        await TestRedis.EventuallyAsync(async () => await RedisStatusAsync(app) == "healthy", "Redis healthy again after it returned");
    }

    [Theory, RedisData(DatabaseKind.Postgres)]
    public async Task TwoInstances_OneRedis_AContactsLimitHoldsAcrossThem(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Redis:Configuration"] = TestRedis.Configuration,
            ["Parley:Redis:KeyPrefix"] = TestRedis.NewPrefix(),
            ["Parley:Engine:RateLimit:Messages"] = "2",
            ["Parley:Engine:RateLimit:Window"] = "01:00:00",
        };
        const string phone = "+15550008888";
        var a = TestApp.Start(database, settings);
        await using (a)
        {
            await TestRedis.EventuallyAsync(async () => await RedisStatusAsync(a) == "healthy", "Redis connected");
            await a.SandboxFor("ministry").SendAsync(phone, "hola 0");
            await a.SandboxFor("ministry").SendAsync(phone, "hola 1");
            await RepliesPerInboundAsync(a, expected: 2);
        }

        // Instance A is gone; B takes the contact's next messages. With per-instance limits B would answer two more.
        await using var b = TestApp.Start(database, settings);
        await TestRedis.EventuallyAsync(async () => await RedisStatusAsync(b) == "healthy", "Redis connected");
        for (var n = 2; n < 5; n++)
        {
            await b.SandboxFor("ministry").SendAsync(phone, $"hola {n}");
        }

        var repliesPerMessage = await RepliesPerInboundAsync(b, expected: 5);
        repliesPerMessage.Take(2).ShouldAllBe(r => r > 0);
        repliesPerMessage.Skip(2).ShouldBe([1, 0, 0], "one notice for the third message, then silence");
    }

    private static Task<string?> RedisStatusAsync(TestApp app) => Readiness.CheckAsync(app.Client, "redis");

    /// <summary>Once every inbound message is processed: how many replies each got, oldest first.</summary>
    private static async Task<IReadOnlyList<long>> RepliesPerInboundAsync(TestApp app, int expected)
    {
        var database = app.Get<Database>();
        IReadOnlyList<long> ids = [];
        await TestRedis.EventuallyAsync(async () =>
        {
            await using var c = await database.OpenAsync();
            ids = (await c.QueryAsync<long>("SELECT id FROM messages WHERE direction = 'inbound' AND account_id = 'ministry' AND process_state = 2 ORDER BY id")).ToList();
            return ids.Count == expected;
        }, $"{expected} inbound messages processed", TimeSpan.FromSeconds(60));

        await using var conn = await database.OpenAsync();
        var counts = new List<long>();
        foreach (var id in ids)
        {
            counts.Add(await conn.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM messages WHERE account_id = 'ministry' AND idempotency_key LIKE @key", new { key = $"reply:{id}:%" }));
        }

        return counts;
    }
}
