using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Parley.Ai.Chat;
using Parley.Ai.Media.Documents;

namespace Parley.Ai.Knowledge;

/// <summary>
/// Adds documents to the knowledge base from the CLI, the API and the demo seeder: reads the file (text, Markdown,
/// HTML, PDF, DOCX), splits it into passages under their headings, stores them with their lexical terms, and embeds
/// them right away when the account has an embedding model.
/// </summary>
public sealed class KnowledgeBase(KnowledgeStore store, Retriever retriever, AiClients clients, SafeDocumentReader documents, ILogger<KnowledgeBase> logger)
{
    /// <summary>Largest document accepted into the knowledge base.</summary>
    public const long MaxBytes = 100L * 1024 * 1024;

    /// <summary>The origin of the demo documents embedded in Parley (<see cref="DemoKnowledge"/>).</summary>
    public const string DemoOrigin = "demo";

    /// <exception cref="DocumentReadException">The file cannot be read, or holds no text.</exception>
    public async Task<KbAddResult> AddAsync(
        KbScope scope, string fileName, byte[] content, string? mimeType, string? title, string origin, AiSettings? embedWith, CancellationToken ct)
    {
        if (content.Length > MaxBytes)
        {
            throw new DocumentReadException(DocumentProblem.Unsupported, $"The file is larger than {MaxBytes / (1024 * 1024)} MB.");
        }

        var format = DocumentFormats.Detect(fileName, mimeType, content.AsSpan(0, Math.Min(content.Length, 8)))
            ?? throw new DocumentReadException(DocumentProblem.Unsupported,
                $"'{Path.GetFileName(fileName)}' is not a supported document; use text, Markdown, HTML, PDF or DOCX.");
        // Files from operators and the API are read like a contact's (a process of its own, limits); the demo documents
        // embedded in Parley itself are trusted and read here.
        var text = origin == DemoOrigin
            ? await DocumentReader.ReadAsync(content, format, DocumentLimits.Knowledge, ct)
            : await documents.ReadAsync(new MemoryStream(content, writable: false), format, DocumentLimits.Knowledge, ct);
        if (text.IsEmpty)
        {
            throw new DocumentReadException(DocumentProblem.Unsupported,
                format == DocumentFormats.Pdf
                    ? $"'{Path.GetFileName(fileName)}' has no text (a scanned PDF?); add a PDF with selectable text."
                    : $"'{Path.GetFileName(fileName)}' has no text.");
        }

        var passages = Chunker.Split(text);
        var source = Path.GetFileName(fileName);
        var documentTitle = !string.IsNullOrWhiteSpace(title) ? title.Trim()
            : !string.IsNullOrWhiteSpace(text.Title) ? text.Title
            : Path.GetFileNameWithoutExtension(source);
        var id = await store.SaveAsync(
            new KnowledgeStore.NewDocument(scope.AccountId, scope.Bot, documentTitle, source, format,
                Convert.ToHexStringLower(SHA256.HashData(content)), content.Length, text.Chars, origin),
            passages, ct);
        logger.LogInformation("Knowledge document {DocumentId} '{Title}' stored for account '{Account}' bot '{Bot}': {Passages} passages",
            id, documentTitle, scope.AccountId, scope.Bot, passages.Count);

        var embedded = 0;
        if (embedWith is not null && clients.Embeddings(embedWith) is { } embedder && embedWith.EffectiveEmbeddingModel is { } model)
        {
            embedded = await retriever.EmbedMissingAsync(scope, embedder, model, embedWith, int.MaxValue, ct);
        }

        return new KbAddResult(id, documentTitle, format, passages.Count, text.Chars, embedded);
    }

    public Task<IReadOnlyList<KbDocument>> ListAsync(string? accountId, CancellationToken ct) => store.ListAsync(accountId, ct);

    public Task<bool> RemoveAsync(long id, CancellationToken ct) => store.RemoveAsync(id, ct);
}
