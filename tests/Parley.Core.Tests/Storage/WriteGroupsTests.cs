using Dapper;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Core.Tests.Storage;

/// <summary>
/// <see cref="Database.WriteAsync{T}"/>: units that queue behind a busy writer share one transaction, each in its own
/// savepoint; a unit that throws or discards leaves nothing behind and the others still commit.
/// </summary>
public sealed class WriteGroupsTests
{
    [Fact]
    public async Task UnitsWaitingForTheWriter_ShareOneTransaction_AndReturnAfterItsCommit()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var database = await CreateAsync(test, groupWrites: true);

        var units = new List<Task<System.Data.Common.DbConnection>>();
        await using (var holder = await database.OpenAsync())
        await using (var tx = await database.BeginWriteAsync(holder))
        {
            // The first unit's group waits for the gate held here; the next twenty queue behind that group.
            units.Add(InsertAsync(database, "first"));
            await Task.Delay(200);
            for (var n = 0; n < 20; n++)
            {
                units.Add(InsertAsync(database, $"queued {n}"));
            }

            await Task.Delay(200);
            units.ShouldAllBe(u => !u.IsCompleted);
            await tx.RollbackAsync();
        }

        var connections = await Task.WhenAll(units);
        connections.Skip(1).Distinct().ShouldHaveSingleItem();
        (await CountAsync(database)).ShouldBe(21);
    }

    [Fact]
    public async Task WithoutGroupWrites_EachUnitHasItsOwnTransaction()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var database = await CreateAsync(test, groupWrites: false);

        var units = Enumerable.Range(0, 10).Select(n => InsertAsync(database, $"alone {n}")).ToList();

        (await Task.WhenAll(units)).Distinct().Count().ShouldBe(10);
        (await CountAsync(database)).ShouldBe(10);
    }

    [Theory, SqliteData, PostgresData]
    public async Task AUnitThatThrowsOrDiscards_LeavesNothing_AndTheOthersCommit(DatabaseKind kind)
    {
        await using var test = await TestDatabase.CreateAsync(kind);
        var database = await CreateAsync(test, groupWrites: true);

        var good = new List<Task<System.Data.Common.DbConnection>>();
        Task<System.Data.Common.DbConnection> failing;
        Task<int> discarded;
        await using (var holder = await database.OpenAsync())
        {
            // On SQLite holding the gate queues every unit into one group; on PostgreSQL they group behind the first.
            await using var tx = kind == DatabaseKind.Sqlite ? await database.BeginWriteAsync(holder) : null;
            for (var n = 0; n < 5; n++)
            {
                good.Add(InsertAsync(database, $"good {n}"));
            }

            failing = database.WriteAsync<System.Data.Common.DbConnection>(async w =>
            {
                await w.Connection.ExecuteAsync("INSERT INTO probe (text) VALUES ('written, then thrown')", transaction: w.Transaction);
                throw new InvalidOperationException("unit failed");
            });
            discarded = database.WriteAsync(async w =>
            {
                await w.Connection.ExecuteAsync("INSERT INTO probe (text) VALUES ('discarded')", transaction: w.Transaction);
                w.Discard();
                return 42;
            });
            for (var n = 5; n < 10; n++)
            {
                good.Add(InsertAsync(database, $"good {n}"));
            }
        }

        (await Should.ThrowAsync<InvalidOperationException>(() => failing)).Message.ShouldBe("unit failed");
        (await discarded).ShouldBe(42);
        await Task.WhenAll(good);
        await using var c = await database.OpenAsync();
        var texts = (await c.QueryAsync<string>("SELECT text FROM probe ORDER BY id")).ToList();
        texts.ShouldBe(Enumerable.Range(0, 10).Select(n => $"good {n}"));
    }

    [Fact]
    public async Task ACallerThatGaveUp_BeforeItsUnitRan_GetsCancelled_AndItsUnitDoesNotRun()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var database = await CreateAsync(test, groupWrites: true);

        using var giveUp = new CancellationTokenSource();
        Task<System.Data.Common.DbConnection> abandoned;
        await using (var holder = await database.OpenAsync())
        await using (var tx = await database.BeginWriteAsync(holder))
        {
            abandoned = InsertAsync(database, "abandoned", giveUp.Token);
            await giveUp.CancelAsync();
            await tx.RollbackAsync();
        }

        await Should.ThrowAsync<OperationCanceledException>(() => abandoned);
        await InsertAsync(database, "later");
        await using var c = await database.OpenAsync();
        (await c.QueryAsync<string>("SELECT text FROM probe")).ShouldBe(["later"]);
    }

    private static async Task<Database> CreateAsync(TestDatabase test, bool groupWrites)
    {
        var database = new Database(test.Kind, test.ConnectionString, groupWrites);
        await database.EnsureWalAsync();
        await using var c = await database.OpenAsync();
        var id = test.Kind == DatabaseKind.Sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
        await c.ExecuteAsync($"CREATE TABLE probe (id {id}, text TEXT NOT NULL)");
        return database;
    }

    /// <summary>Inserts a row and returns the connection its unit ran on: one connection per transaction.</summary>
    private static Task<System.Data.Common.DbConnection> InsertAsync(Database database, string text, CancellationToken ct = default) =>
        database.WriteAsync(async w =>
        {
            await w.Connection.ExecuteAsync("INSERT INTO probe (text) VALUES (@text)", new { text }, w.Transaction);
            return w.Connection;
        }, ct);

    private static async Task<long> CountAsync(Database database)
    {
        await using var c = await database.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM probe");
    }
}
