using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Ai.Chat;
using Parley.Ai.Knowledge;
using Parley.Ai.Media.Documents;
using Parley.Core.Modules;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Ai.Tests;

/// <summary>The knowledge base on a real migrated database (SQLite file, or PostgreSQL when configured), without the web host.</summary>
public sealed class KnowledgeFixture : IAsyncDisposable
{
    private KnowledgeFixture(TestDatabase testDatabase, Database database)
    {
        TestDatabase = testDatabase;
        Database = database;
        Store = new KnowledgeStore(database, TimeProvider.System);
        Clients = new AiClients();
        Caller = new AiCaller(TimeProvider.System, NullLogger<AiCaller>.Instance);
        Retriever = new Retriever(Store, Clients, Caller, NullLogger<Retriever>.Instance);
        Knowledge = new KnowledgeBase(Store, Retriever, Clients,
            new SafeDocumentReader(Options.Create(new DocumentReadingOptions { Isolation = DocumentReadingOptions.NoIsolation }), NullLogger<SafeDocumentReader>.Instance),
            NullLogger<KnowledgeBase>.Instance);
    }

    public TestDatabase TestDatabase { get; }
    public Database Database { get; }
    public KnowledgeStore Store { get; }
    public AiClients Clients { get; }
    public AiCaller Caller { get; }
    public Retriever Retriever { get; }
    public KnowledgeBase Knowledge { get; }

    public static async Task<KnowledgeFixture> CreateAsync(DatabaseKind kind = DatabaseKind.Sqlite)
    {
        var testDatabase = await TestDatabase.CreateAsync(kind);
        var database = new Database(kind, testDatabase.ConnectionString);
        await new Migrator(database, [ModuleSchema.Core, ModuleSchema.Of<AiOptions>("ai")], TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync();
        return new KnowledgeFixture(testDatabase, database);
    }

    /// <summary>Adds every file of a folder to a scope.</summary>
    public async Task AddFolderAsync(string folder, KbScope scope, AiSettings? embedWith = null)
    {
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            await Knowledge.AddAsync(scope, Path.GetFileName(file), await File.ReadAllBytesAsync(file), null, null, "test", embedWith, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Clients.Dispose();
        await Database.DisposeAsync();
        await TestDatabase.DisposeAsync();
    }
}
