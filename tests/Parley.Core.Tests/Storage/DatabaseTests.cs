using Dapper;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Core.Tests.Storage;

public sealed class DatabaseTests
{
    [Fact]
    public async Task OpenAsync_PooledConnections_KeepTheirSettings_OnEveryOpen()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var database = new Database(DatabaseKind.Sqlite, test.ConnectionString);

        // Sequential opens reuse one pooled connection (set up once); concurrent ones add fresh connections.
        for (var round = 0; round < 3; round++)
        {
            var connections = await Task.WhenAll(Enumerable.Range(0, round + 1).Select(_ => database.OpenAsync()));
            foreach (var c in connections)
            {
                (await c.ExecuteScalarAsync<long>("PRAGMA foreign_keys")).ShouldBe(1);
                (await c.ExecuteScalarAsync<long>("PRAGMA synchronous")).ShouldBe(1, "NORMAL");
                (await c.ExecuteScalarAsync<long>("PRAGMA busy_timeout")).ShouldBe(30000);
            }

            foreach (var c in connections)
            {
                await c.DisposeAsync();
            }
        }
    }
}
