using Dapper;
using Parley.Core.Storage;

namespace Parley.Ai.Knowledge;

/// <summary>Reads and writes <c>kb_documents</c>, <c>kb_passages</c> and <c>kb_embeddings</c>.</summary>
public sealed class KnowledgeStore(Database database, TimeProvider time)
{
    private const string InScope = "account_id IN (@AccountId, '') AND bot IN (@Bot, '')";

    private sealed record DocumentRow(long id, string account_id, string bot, string title, string source, string format, long size, long chars, long passages, string origin, long updated_at);

    private sealed record PassageRow(long id, long document_id, string title, string source, string heading, string text, string terms);

    public sealed record NewDocument(string AccountId, string Bot, string Title, string Source, string Format, string Sha256, long Size, long Chars, string Origin);

    /// <summary>Stores a document and its passages in one transaction, replacing a document of the same source in the same scope.</summary>
    public async Task<long> SaveAsync(NewDocument document, IReadOnlyList<PassageDraft> passages, CancellationToken ct)
    {
        var now = time.NowMs();
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO kb_documents (account_id, bot, title, source, format, sha256, size, chars, passages, origin, created_at, updated_at)
            VALUES (@AccountId, @Bot, @Title, @Source, @Format, @Sha256, @Size, @Chars, @count, @Origin, @now, @now)
            ON CONFLICT (account_id, bot, source) DO UPDATE SET title = excluded.title, format = excluded.format, sha256 = excluded.sha256,
                size = excluded.size, chars = excluded.chars, passages = excluded.passages, origin = excluded.origin, updated_at = excluded.updated_at
            RETURNING id
            """,
            new { document.AccountId, document.Bot, document.Title, document.Source, document.Format, document.Sha256, document.Size, document.Chars, count = (long)passages.Count, document.Origin, now },
            tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM kb_passages WHERE document_id = @id", new { id }, tx, cancellationToken: ct));
        foreach (var p in passages)
        {
            var terms = PassageTerms(document.Title, p);
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO kb_passages (document_id, account_id, bot, ordinal, heading, text, terms, term_count)
                VALUES (@id, @AccountId, @Bot, @Ordinal, @Heading, @Text, @terms, @count)
                """,
                new { id, document.AccountId, document.Bot, Ordinal = (long)p.Ordinal, p.Heading, p.Text, terms = string.Join(' ', terms), count = (long)terms.Count },
                tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>
    /// The terms a passage is found by: its text, the document title, the headings above it, and its own heading
    /// three times — a section's heading names what its passages are about.
    /// </summary>
    public static List<string> PassageTerms(string title, PassageDraft passage)
    {
        // A document's introduction (no heading of its own, or only the title) is what its title names: weigh the title as its heading.
        var headings = (passage.Heading.Length == 0 || passage.Heading == title ? title : passage.Heading).Split(" › ");
        var own = TextAnalyzer.Terms(headings[^1]);
        var above = headings.Length > 1 ? TextAnalyzer.Terms(string.Join(' ', headings[..^1])) : [];
        return [.. TextAnalyzer.Terms(title), .. above, .. own, .. own, .. own, .. TextAnalyzer.Terms(passage.Text)];
    }

    public async Task<IReadOnlyList<KbDocument>> ListAsync(string? accountId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<DocumentRow>(new CommandDefinition(
            """
            SELECT id, account_id, bot, title, source, format, size, chars, passages, origin, updated_at FROM kb_documents
            WHERE @accountId IS NULL OR account_id = @accountId ORDER BY account_id, bot, id
            """,
            new { accountId }, cancellationToken: ct));
        return rows.Select(r => new KbDocument(r.id, r.account_id, r.bot, r.title, r.source, r.format, r.size, r.chars, r.passages, r.origin, Clock.FromMs(r.updated_at))).ToList();
    }

    public async Task<bool> RemoveAsync(long id, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        // Explicit deletes rather than relying on cascades, which SQLite only honours with foreign keys on.
        await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM kb_embeddings WHERE passage_id IN (SELECT id FROM kb_passages WHERE document_id = @id)", new { id }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM kb_passages WHERE document_id = @id", new { id }, tx, cancellationToken: ct));
        var removed = await c.ExecuteAsync(new CommandDefinition("DELETE FROM kb_documents WHERE id = @id", new { id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return removed > 0;
    }

    /// <summary>Titles of the documents a scope answers from.</summary>
    public async Task<IReadOnlyList<string>> TitlesAsync(KbScope scope, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var titles = await c.QueryAsync<string>(new CommandDefinition(
            $"SELECT title FROM kb_documents WHERE {InScope} ORDER BY id", scope, cancellationToken: ct));
        return titles.Distinct().ToList();
    }

    /// <summary>Documents stored for exactly this account (not the shared ones).</summary>
    public async Task<long> CountForAccountAsync(string accountId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM kb_documents WHERE account_id = @accountId", new { accountId }, cancellationToken: ct));
    }

    /// <summary>Changes whenever a document of the scope is added, replaced or removed: the key of the in-memory indexes.</summary>
    public async Task<string> StampAsync(KbScope scope, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var (count, updated, ids) = await c.QuerySingleAsync<(long, long, long)>(new CommandDefinition(
            $"SELECT COUNT(*), COALESCE(MAX(updated_at), 0), COALESCE(SUM(id), 0) FROM kb_documents WHERE {InScope}",
            scope, cancellationToken: ct));
        return $"{count}:{updated}:{ids}";
    }

    public async Task<IReadOnlyList<KbPassage>> PassagesAsync(KbScope scope, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<PassageRow>(new CommandDefinition(
            """
            SELECT p.id, p.document_id, d.title, d.source, p.heading, p.text, p.terms
            FROM kb_passages p JOIN kb_documents d ON d.id = p.document_id
            WHERE p.account_id IN (@AccountId, '') AND p.bot IN (@Bot, '')
            ORDER BY p.id
            """,
            scope, cancellationToken: ct));
        return rows.Select(r => new KbPassage(r.id, r.document_id, r.title, r.source, r.heading, r.text, r.terms.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
    }

    /// <summary>Embeddings of the scope's passages for one model.</summary>
    public async Task<Dictionary<long, float[]>> EmbeddingsAsync(KbScope scope, string model, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(long passage_id, byte[] vector)>(new CommandDefinition(
            "SELECT e.passage_id, e.vector FROM kb_embeddings e JOIN kb_passages p ON p.id = e.passage_id WHERE p.account_id IN (@AccountId, '') AND p.bot IN (@Bot, '') AND e.model = @model",
            new { scope.AccountId, scope.Bot, model }, cancellationToken: ct));
        return rows.ToDictionary(r => r.passage_id, r => FromBytes(r.vector));
    }

    /// <summary>Passages of the scope that have no embedding for <paramref name="model"/> yet.</summary>
    public async Task<IReadOnlyList<KbPassage>> MissingEmbeddingsAsync(KbScope scope, string model, int limit, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<PassageRow>(new CommandDefinition(
            """
            SELECT p.id, p.document_id, d.title, d.source, p.heading, p.text, p.terms
            FROM kb_passages p JOIN kb_documents d ON d.id = p.document_id
            WHERE p.account_id IN (@AccountId, '') AND p.bot IN (@Bot, '')
              AND NOT EXISTS (SELECT 1 FROM kb_embeddings e WHERE e.passage_id = p.id AND e.model = @model)
            ORDER BY p.id LIMIT @limit
            """,
            new { scope.AccountId, scope.Bot, model, limit }, cancellationToken: ct));
        return rows.Select(r => new KbPassage(r.id, r.document_id, r.title, r.source, r.heading, r.text, [])).ToList();
    }

    public async Task SaveEmbeddingsAsync(string model, IReadOnlyList<(long PassageId, float[] Vector)> embeddings, CancellationToken ct)
    {
        var now = time.NowMs();
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        foreach (var (passageId, vector) in embeddings)
        {
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO kb_embeddings (passage_id, model, dimensions, vector, created_at) VALUES (@passageId, @model, @dimensions, @vector, @now)
                ON CONFLICT (passage_id, model) DO UPDATE SET dimensions = excluded.dimensions, vector = excluded.vector, created_at = excluded.created_at
                """,
                new { passageId, model, dimensions = (long)vector.Length, vector = ToBytes(vector), now }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }

    internal static byte[] ToBytes(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return bytes;
    }

    internal static float[] FromBytes(byte[] bytes)
    {
        var vector = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return vector;
    }
}
