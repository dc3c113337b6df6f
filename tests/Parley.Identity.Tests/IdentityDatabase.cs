using Microsoft.Extensions.Logging.Abstractions;
using Parley.Core.Modules;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Identity.Tests;

/// <summary>A throw-away database with Core's and Identity's schema, for the stores' tests.</summary>
public sealed class IdentityDatabase : IAsyncDisposable
{
    private readonly TestDatabase _test;

    private IdentityDatabase(TestDatabase test, Database database)
    {
        _test = test;
        Database = database;
    }

    public Database Database { get; }

    public static async Task<IdentityDatabase> CreateAsync(DatabaseKind kind)
    {
        var test = await TestDatabase.CreateAsync(kind);
        var database = new Database(kind, test.ConnectionString);
        await new Migrator(database, [ModuleSchema.Core, ModuleSchema.Of<IdentityOptions>("identity")], TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync();
        return new IdentityDatabase(test, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await _test.DisposeAsync();
    }
}
