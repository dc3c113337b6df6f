using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Ai.Media;
using Parley.Ai.Media.Documents;
using Parley.Core.Modules;
using Parley.Core.Storage;
using Parley.Testing;
using Parley.Testing.Fakes;

namespace Parley.Ai.Tests.Media;

/// <summary>
/// Attempts to read a message's document are counted before the work, so a process killed while reading (for
/// memory, say) cannot read the same document again in a loop after its restart (issue 17, item 1).
/// </summary>
public sealed class DocumentReadLedgerTests
{
    [Theory, SqliteData, PostgresData]
    public async Task AnAttemptThatNeverFinished_RefusesTheNext_AndStaysRefused(DatabaseKind kind)
    {
        await using var db = await OpenAsync(kind);
        var ledger = new DocumentReadLedger(db.Database, TimeProvider.System);

        (await ledger.BeginAsync(41, CancellationToken.None)).ShouldBeNull("a first attempt goes ahead");
        // ...and the process dies here, before FinishAsync: the restarted process meets the open attempt.
        (await ledger.BeginAsync(41, CancellationToken.None)).ShouldBe(DocumentProblem.TooComplex);
        (await ledger.BeginAsync(41, CancellationToken.None)).ShouldBe(DocumentProblem.TooComplex);
    }

    [Theory, SqliteData, PostgresData]
    public async Task AFinishedRead_IsReadAgainLater_ARefusedOne_IsNot(DatabaseKind kind)
    {
        await using var db = await OpenAsync(kind);
        var ledger = new DocumentReadLedger(db.Database, TimeProvider.System);

        (await ledger.BeginAsync(1, CancellationToken.None)).ShouldBeNull();
        await ledger.FinishAsync(1, null, CancellationToken.None);
        (await ledger.BeginAsync(1, CancellationToken.None)).ShouldBeNull("a document read before is read again for the next answer");

        (await ledger.BeginAsync(2, CancellationToken.None)).ShouldBeNull();
        await ledger.FinishAsync(2, DocumentProblem.Encrypted, CancellationToken.None);
        (await ledger.BeginAsync(2, CancellationToken.None)).ShouldBe(DocumentProblem.Encrypted);

        (await ledger.BeginAsync(3, CancellationToken.None)).ShouldBeNull();
        await ledger.AbandonAsync(3, CancellationToken.None);
        (await ledger.BeginAsync(3, CancellationToken.None)).ShouldBeNull("an attempt ended by a shutdown is not the document's fault");
    }

    [Fact]
    public async Task MessageDocuments_CountsTheAttempt_BeforeItReads()
    {
        await using var db = await OpenAsync(DatabaseKind.Sqlite);
        var ledger = new DocumentReadLedger(db.Database, TimeProvider.System);
        var reader = new SafeDocumentReader(Options.Create(new DocumentReadingOptions { Isolation = DocumentReadingOptions.NoIsolation }), NullLogger<SafeDocumentReader>.Instance);
        var documents = new MessageDocuments(ledger, reader);
        var docx = TestDocuments.Docx((0, "Twenty days of holidays."));

        (await documents.ReadAsync(7, new MemoryStream(docx), DocumentFormats.Docx, CancellationToken.None)).PlainText().ShouldBe("Twenty days of holidays.");

        // As if a process had died while reading message 8: its attempt was recorded first, then nothing.
        (await ledger.BeginAsync(8, CancellationToken.None)).ShouldBeNull();
        var error = await Should.ThrowAsync<DocumentReadException>(() => documents.ReadAsync(8, new MemoryStream(docx), DocumentFormats.Docx, CancellationToken.None));
        error.Kind.ShouldBe(DocumentProblem.TooComplex);
    }

    private sealed class Db(TestDatabase test, Database database) : IAsyncDisposable
    {
        public Database Database => database;

        public async ValueTask DisposeAsync()
        {
            await database.DisposeAsync();
            await test.DisposeAsync();
        }
    }

    private static async Task<Db> OpenAsync(DatabaseKind kind)
    {
        var test = await TestDatabase.CreateAsync(kind);
        var database = new Database(kind, test.ConnectionString);
        await new Migrator(database, [ModuleSchema.Core, ModuleSchema.Of<AiOptions>("ai")], TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync();
        return new Db(test, database);
    }
}
