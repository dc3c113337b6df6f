using Dapper;
using Microsoft.Data.Sqlite;
using Parley.Bots.Engine.DataSources;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Bots.Tests.Engine.DataSources;

public sealed class DataSourceRunnerTests
{
    public static TheoryData<string> HostileTexts => new()
    {
        "x'; DROP TABLE demo_events; --",
        "\"; DELETE FROM demo_ministries; --",
        "Robert'); DROP TABLE demo_directory;--",
        "1 OR 1=1",
        "' OR '1'='1",
        "; ATTACH DATABASE '/tmp/x.db' AS x; --",
        "%_\\",
        "Noche de Alabanza\u0000; --",
        "emoji 👨‍👩‍👧 RTL مرحبا \u202E reversed",
        "/* comment */ UNION SELECT clabe FROM demo_ministries",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task RunAsync_HostileText_IsOnlyEverData(string text)
    {
        await using var h = await EngineHarness.StartAsync();
        var runner = h.Get<DataSourceRunner>();
        var byName = new DataSourceDefinition("by_name", "SELECT name FROM demo_events WHERE name = @text") { Parameters = ["text"], CacheTtl = TimeSpan.Zero };
        var echo = new DataSourceDefinition("echo", "SELECT @text AS echo, length(@text) AS n") { Parameters = ["text"], CacheTtl = TimeSpan.Zero };

        (await runner.RunAsync(byName, Args(text))).Rows.ShouldBeEmpty();
        var echoed = (await runner.RunAsync(echo, Args(text))).Rows.ShouldHaveSingleItem();

        echoed["echo"].ShouldBe(text);
        await using var c = await h.Get<Database>().OpenAsync();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM demo_events")).ShouldBe(6);
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM demo_ministries")).ShouldBe(6);
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM demo_directory")).ShouldBe(9);
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunAsync_BoundParameters_WorkOnBothEngines(DatabaseKind kind)
    {
        await using var h = await EngineHarness.StartAsync(kind);
        var source = new DataSourceDefinition("by_name", "SELECT name, location FROM demo_events WHERE name = @text OR name = @other ORDER BY id")
        {
            Parameters = ["text", "other"],
        };

        var result = await h.Get<DataSourceRunner>().RunAsync(source, new Dictionary<string, object?> { ["text"] = "Retiro de Matrimonios", ["other"] = "x'; DROP TABLE demo_events; --" });

        result.Rows.ShouldHaveSingleItem()["location"].ShouldBe("Casa de Retiros Monte Horeb, Carretera Federal a Cuernavaca km 42, Tepoztlán, Morelos");
    }

    [Fact]
    public async Task RunAsync_RefusedQuery_NeverRuns()
    {
        await using var h = await EngineHarness.StartAsync();
        var source = new DataSourceDefinition("evil", "SELECT 1; DELETE FROM demo_events");

        var ex = await Should.ThrowAsync<DataSourceException>(() => h.Get<DataSourceRunner>().RunAsync(source, Args("")));

        ex.Message.ShouldContain("single statement");
        await using var c = await h.Get<Database>().OpenAsync();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM demo_events")).ShouldBe(6);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ExecuteAsync_AWriteThatSlipsPastTheGuard_IsRefusedByTheDatabase(DatabaseKind kind)
    {
        // Defence in depth: even without the guard, the connection or transaction is read-only.
        await using var h = await EngineHarness.StartAsync(kind);
        var source = new DataSourceDefinition("sneaky", "UPDATE demo_events SET name = 'hacked' RETURNING name");

        await Should.ThrowAsync<DataSourceException>(() =>
            h.Get<DataSourceRunner>().ExecuteAsync(source, new Dictionary<string, object?>(), CancellationToken.None));

        await using var c = await h.Get<Database>().OpenAsync();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM demo_events WHERE name = 'hacked'")).ShouldBe(0);

        // Parley's connection went back to the pool writable.
        await c.ExecuteAsync("UPDATE demo_events SET description = description WHERE id = 1");
    }

    [Theory(Timeout = 30_000), SqliteData, PostgresData]
    public async Task RunAsync_SlowQuery_IsStoppedAtTheTimeout(DatabaseKind kind)
    {
        await using var h = await EngineHarness.StartAsync(kind);
        var forever = new DataSourceDefinition("forever", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c")
        {
            Timeout = TimeSpan.FromMilliseconds(300),
            CacheTtl = TimeSpan.Zero,
        };

        var ex = await Should.ThrowAsync<DataSourceException>(() => h.Get<DataSourceRunner>().RunAsync(forever, Args("")));

        ex.Message.ShouldContain("took longer than");
    }

    [Fact]
    public async Task RunAsync_RowLimit_ReadsAtMostThatMany()
    {
        await using var h = await EngineHarness.StartAsync();
        var source = new DataSourceDefinition("all", "SELECT name FROM demo_directory ORDER BY id") { MaxRows = 4 };

        var result = await h.Get<DataSourceRunner>().RunAsync(source, Args(""));

        result.Rows.Count.ShouldBe(4);
        result.Truncated.ShouldBeTrue();
    }

    [Fact]
    public async Task RunAsync_Results_AreCachedForTheirTimeToLive()
    {
        await using var h = await EngineHarness.StartAsync();
        var runner = h.Get<DataSourceRunner>();
        var cached = new DataSourceDefinition("cached", "SELECT name FROM demo_events WHERE id = 1") { CacheTtl = TimeSpan.FromMinutes(10) };
        var uncached = cached with { Name = "uncached", CacheTtl = TimeSpan.Zero };
        (await runner.RunAsync(cached, Args(""))).Rows[0]["name"].ShouldBe("Noche de Alabanza");
        await using (var c = await h.Get<Database>().OpenAsync())
        {
            await c.ExecuteAsync("UPDATE demo_events SET name = 'Noche de Gala' WHERE id = 1");
        }

        (await runner.RunAsync(cached, Args(""))).Rows[0]["name"].ShouldBe("Noche de Alabanza");
        (await runner.RunAsync(uncached, Args(""))).Rows[0]["name"].ShouldBe("Noche de Gala");
        h.Time.Advance(TimeSpan.FromMinutes(11));
        (await runner.RunAsync(cached, Args(""))).Rows[0]["name"].ShouldBe("Noche de Gala");
    }

    [Fact]
    public async Task RunAsync_AnotherSqliteFile_IsOpenedReadOnly_ThroughANamedConnection()
    {
        var dir = Directory.CreateTempSubdirectory("parley-ds-");
        var file = Path.Combine(dir.FullName, "church.db");
        await using (var setup = new SqliteConnection($"Data Source={file}"))
        {
            await setup.OpenAsync();
            await setup.ExecuteAsync("CREATE TABLE members (name TEXT); INSERT INTO members VALUES ('Ana'), ('Luis');");
        }

        try
        {
            await using var h = await EngineHarness.StartAsync(configuration: new Dictionary<string, string?> { ["ConnectionStrings:Church"] = $"Data Source={file}" });
            var runner = h.Get<DataSourceRunner>();
            var read = new DataSourceDefinition("members", "SELECT name FROM members WHERE name <> @text ORDER BY name") { Connection = "Church", Provider = "sqlite", Parameters = ["text"] };
            var write = new DataSourceDefinition("write", "DELETE FROM members") { Connection = "Church", Provider = "sqlite" };
            var missing = read with { Name = "missing", Connection = "Nowhere" };

            (await runner.RunAsync(read, Args("Luis"))).Rows.Select(r => r["name"]).ShouldBe(["Ana"]);
            await Should.ThrowAsync<DataSourceException>(() => runner.ExecuteAsync(write, new Dictionary<string, object?>(), CancellationToken.None));
            (await Should.ThrowAsync<DataSourceException>(() => runner.RunAsync(missing, Args("")))).Message.ShouldContain("ConnectionStrings:Nowhere");
            (await runner.RunAsync(read with { CacheTtl = TimeSpan.Zero }, Args("x"))).Rows.Count.ShouldBe(2);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private static Dictionary<string, object?> Args(string text) => new() { ["text"] = text };

    // Regression (issue 17, item 11): a data source on Parley's own database could read every table of it, the
    // operators' password hashes and the API keys included.
    [Theory, SqliteData, PostgresData]
    public async Task RunAsync_ParleysOwnTables_AreRefused_HoweverTheQueryReachesThem(DatabaseKind kind)
    {
        await using var h = await EngineHarness.StartAsync(kind);
        await using (var c = await h.Get<Database>().OpenAsync())
        {
            await c.ExecuteAsync("CREATE VIEW staff AS SELECT email, password_hash FROM operators");
            await c.ExecuteAsync("CREATE TABLE products (name TEXT NOT NULL)");
            await c.ExecuteAsync("INSERT INTO products (name) VALUES ('Biblia de estudio')");
        }

        var runner = h.Get<DataSourceRunner>();
        foreach (var (query, table) in new[]
        {
            ("SELECT email, password_hash FROM operators", "operators"),
            ("SELECT name FROM demo_events WHERE name IN (SELECT password_hash FROM operators)", "operators"),
            ("WITH k AS (SELECT * FROM api_keys) SELECT COUNT(*) AS n FROM k", "api_keys"),
            ("SELECT * FROM staff", "operators"),
            ("SELECT settings FROM accounts", "accounts"),
            ("SELECT name FROM demo_events UNION ALL SELECT CAST(content AS TEXT) FROM messages", "messages"),
        })
        {
            var source = new DataSourceDefinition("peek", query) { CacheTtl = TimeSpan.Zero };
            var refused = await Should.ThrowAsync<DataSourceException>(() => runner.RunAsync(source, new Dictionary<string, object?>()), query);
            refused.ReadsParleyTable.ShouldBeTrue(query);
            refused.Message.ShouldContain($"'{table}'", customMessage: query);
            (await runner.CheckAsync(source)).ShouldNotBeNull(query).ShouldContain($"'{table}'");
        }

        // The demo tables and a person's own tables in Parley's database stay readable.
        var own = new DataSourceDefinition("products", "SELECT name FROM products") { CacheTtl = TimeSpan.Zero };
        (await runner.RunAsync(own, new Dictionary<string, object?>())).Rows.ShouldHaveSingleItem()["name"].ShouldBe("Biblia de estudio");
        (await runner.CheckAsync(own)).ShouldBeNull();

        // Parley's pooled connections are not restricted afterwards.
        await using var after = await h.Get<Database>().OpenAsync();
        (await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM operators")).ShouldBe(0);
    }
}
