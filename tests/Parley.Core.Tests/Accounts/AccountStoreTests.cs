using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Core.Accounts;
using Parley.Core.Modules;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Core.Tests.Accounts;

/// <summary>
/// <see cref="AccountStore.UpsertAsync"/> as every instance calls it at start for its configured accounts: an unchanged
/// account is not written again (on PostgreSQL the write would lock the row against every webhook being stored).
/// </summary>
public sealed class AccountStoreTests
{
    private static readonly Account Configured = new("shop", "meta")
    {
        Bot = "echo",
        DisplayName = "Shop",
        Settings = new Dictionary<string, string> { ["PhoneNumberId"] = "1065", ["Language"] = "es" },
        Secrets = new Dictionary<string, string> { ["AccessToken"] = "token-1" },
    };

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SeedingAnUnchangedAccount_WritesNothing(DatabaseKind kind)
    {
        await using var test = await TestDatabase.CreateAsync(kind);
        var (store, database, time) = await CreateAsync(test);
        await store.UpsertAsync(Configured);
        time.Advance(TimeSpan.FromMinutes(5));

        // The same account again; settings in another order and the secret left out (kept) are no change either.
        await store.UpsertAsync(Configured with
        {
            Settings = new Dictionary<string, string> { ["Language"] = "es", ["PhoneNumberId"] = "1065" },
            Secrets = new Dictionary<string, string>(),
        });

        (await UpdatedAtAsync(database)).ShouldBe(Created.ToUnixTimeMilliseconds());
        (await store.FindAsync("shop"))!.Secret("AccessToken").ShouldBe("token-1");
    }

    [Theory]
    [InlineData("setting")]
    [InlineData("secret")]
    [InlineData("bot")]
    [InlineData("enabled")]
    public async Task AChangedAccount_IsWritten(string change)
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var (store, database, time) = await CreateAsync(test);
        await store.UpsertAsync(Configured);
        time.Advance(TimeSpan.FromMinutes(5));

        var changed = change switch
        {
            "setting" => Configured with { Settings = new Dictionary<string, string> { ["PhoneNumberId"] = "1065", ["Language"] = "en" } },
            "secret" => Configured with { Secrets = new Dictionary<string, string> { ["AccessToken"] = "token-2" } },
            "bot" => Configured with { Bot = "assistant" },
            _ => Configured with { Enabled = false },
        };
        await store.UpsertAsync(changed);

        (await UpdatedAtAsync(database)).ShouldBe(time.GetUtcNow().ToUnixTimeMilliseconds());
        var stored = (await store.FindAsync("shop"))!;
        stored.Bot.ShouldBe(changed.Bot);
        stored.Enabled.ShouldBe(changed.Enabled);
        stored.Setting("Language").ShouldBe(changed.Settings["Language"]);
        stored.Secret("AccessToken").ShouldBe(changed.Secrets["AccessToken"]);
    }

    private static readonly DateTimeOffset Created = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(AccountStore Store, Database Database, ManualTimeProvider Time)> CreateAsync(TestDatabase test)
    {
        var time = new ManualTimeProvider(Created);
        var database = new Database(test.Kind, test.ConnectionString);
        await new Migrator(database, [ModuleSchema.Core], time, NullLogger<Migrator>.Instance).MigrateAsync();
        return (new AccountStore(database, new TestSecretProtector(), time), database, time);
    }

    private static async Task<long> UpdatedAtAsync(Database database)
    {
        await using var c = await database.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT updated_at FROM accounts WHERE id = 'shop'");
    }
}
