namespace Parley.Core.Knowledge;

/// <summary>
/// What the admin UI does with the knowledge base: list, upload, delete, and try a question to see the passages retrieved.
/// The AI part (Parley.Ai) registers an implementation; without one the admin says the knowledge base is not part of this build.
/// </summary>
public interface IKnowledgeBaseAdmin
{
    Task<IReadOnlyList<KnowledgeDocumentInfo>> ListAsync(string? accountId, CancellationToken ct);

    /// <summary>Adds (or replaces, for the same source in the same scope) a document read from <paramref name="content"/>.</summary>
    Task<KnowledgeDocumentInfo> AddAsync(string accountId, string? bot, string fileName, Stream content, CancellationToken ct);

    Task<bool> RemoveAsync(long id, CancellationToken ct);

    Task<IReadOnlyList<KnowledgeHit>> SearchAsync(string accountId, string? bot, string question, CancellationToken ct);
}
