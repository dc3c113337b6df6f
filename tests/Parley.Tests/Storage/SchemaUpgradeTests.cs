using System.Reflection;
using Dapper;

namespace Parley.Tests.Storage;

/// <summary>
/// A database made before modules owned their migrations (one global version per script, every script in Core) is
/// upgraded in place: its record is rewritten as (module, version), no script runs twice, and its data stays.
/// The legacy scripts under Storage/Legacy are the exact scripts of main at daa95ad, applied the way its migrator did.
/// </summary>
public sealed class SchemaUpgradeTests
{
    private const long Then = 1_767_225_600_000; // 2026-01-01

    [Theory, SqliteData, PostgresData]
    public async Task LegacyDatabase_IsUpgraded_WithItsDataIntact_AndNothingAppliedTwice(DatabaseKind kind)
    {
        await using var test = await TestDatabase.CreateAsync(kind);
        var legacy = new Database(kind, test.ConnectionString);
        await CreateLegacySchemaAsync(legacy);
        await SeedLegacyDataAsync(legacy);
        var before = await CountsAsync(legacy);

        // The clinic's demo reminders would write to a demo patient at start: the counts below are the legacy data's.
        await using (var app = TestApp.Start(test, new Dictionary<string, string?> { ["Parley:Clinic:RemindersEnabled"] = "false" }))
        {
            // The app migrated at start: the record now names modules, with every legacy script kept as applied.
            var migrator = app.Get<Migrator>();
            (await migrator.MigrateAsync()).ShouldBeEmpty();
            (await migrator.StatusAsync()).ShouldAllBe(m => m.Current);
            await using (var c = await app.Get<Database>().OpenAsync())
            {
                var records = (await c.QueryAsync<(string Module, long Version, string Name)>(
                    "SELECT module, CAST(version AS BIGINT), name FROM schema_migrations ORDER BY module, version")).ToList();
                records.ShouldContain(("core", 1, "initial"));
                records.ShouldContain(("core", 10, "job_leases"));
                records.ShouldContain(("bots", 2, "ministry_demo"));
                records.ShouldContain(("ai", 2, "usage"));
                records.Count(r => r.Module == "core" && r.Version <= 10).ShouldBe(10);
                (await c.ExecuteScalarAsync<string>("SELECT name FROM legacy_marker")).ShouldBe("kept");
            }

            (await CountsAsync(app.Get<Database>())).ShouldBe(before);

            // The upgraded database works: the old conversation gets a reply to a new message.
            var echo = app.SandboxFor("echo");
            await echo.SendAsync("+15550001111", "after the upgrade");
            var thread = await echo.WaitForRepliesAsync("+15550001111", 1);
            thread.ShouldContain(m => m.Direction == "outbound" && m.Text!.Contains("after the upgrade", StringComparison.Ordinal));
        }
    }

    /// <summary>What main at daa95ad did: one table of global versions, every script in order, one transaction.</summary>
    private static async Task CreateLegacySchemaAsync(Database database)
    {
        await database.EnsureWalAsync();
        await using var c = await database.OpenAsync();
        await using var tx = await database.BeginWriteAsync(c);
        await c.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)", transaction: tx);
        foreach (var (version, name, sql) in LegacyScripts(database.Kind))
        {
            await c.ExecuteAsync(sql, transaction: tx);
            await c.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @Then)", new { version, name, Then }, tx);
        }

        await tx.CommitAsync();
    }

    private static IEnumerable<(int Version, string Name, string Sql)> LegacyScripts(DatabaseKind kind)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var prefix = $"Legacy/{kind}/";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = resource[prefix.Length..^4];
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture), file, reader.ReadToEnd());
        }
    }

    private static async Task SeedLegacyDataAsync(Database database)
    {
        await using var c = await database.OpenAsync();
        await c.ExecuteAsync("INSERT INTO accounts (id, provider, bot, created_at, updated_at, source) VALUES ('echo', 'sandbox', 'echo', @Then, @Then, 'sandbox')", new { Then });
        await c.ExecuteAsync("INSERT INTO contacts (account_id, wa_id, phone, name, created_at, updated_at) VALUES ('echo', '15550001111', '+15550001111', 'Ana', @Then, @Then)", new { Then });
        await c.ExecuteAsync("INSERT INTO conversations (account_id, contact_id, last_inbound_at, last_message_at, created_at) VALUES ('echo', 1, @Then, @Then, @Then)", new { Then });
        await c.ExecuteAsync(
            """
            INSERT INTO messages (account_id, conversation_id, contact_id, direction, type, content, provider_message_id, status, status_at, process_state, created_at)
            VALUES ('echo', 1, 1, 'inbound', 'text', '{"type":"text","text":"before the upgrade"}', 'legacy-1', 'received', @Then, 2, @Then)
            """, new { Then });
        await c.ExecuteAsync("INSERT INTO operators (email, name, role, password_hash, created_at) VALUES ('ops@example.com', 'Ops', 'admin', 'x', @Then)", new { Then });
        await c.ExecuteAsync("INSERT INTO api_keys (name, prefix, hash, scopes, created_at) VALUES ('legacy', 'pk_legacy', 'x', 'read', @Then)", new { Then });
        await c.ExecuteAsync(
            """
            INSERT INTO bot_interactions (account_id, bot, conversation_id, contact_id, contact, message_id, route, processing_ms, success, created_at)
            VALUES ('echo', 'echo', 1, 1, '15550001111', 1, 'rule', 1, 1, @Then)
            """, new { Then });
        // A table the upgrade knows nothing about: it must not be touched.
        await c.ExecuteAsync("CREATE TABLE legacy_marker (name TEXT NOT NULL)");
        await c.ExecuteAsync("INSERT INTO legacy_marker (name) VALUES ('kept')");
    }

    private static async Task<Dictionary<string, long>> CountsAsync(Database database)
    {
        await using var c = await database.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "contacts", "conversations", "operators", "api_keys", "bot_interactions", "demo_ministries", "demo_events", "demo_directory" })
        {
            counts[table] = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
        }

        counts["legacy messages"] = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE provider_message_id = 'legacy-1'");
        return counts;
    }
}
