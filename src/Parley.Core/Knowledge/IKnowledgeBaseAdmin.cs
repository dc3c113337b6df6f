namespace Parley.Core.Knowledge;

/// <summary>A document of the assistant's knowledge base; <see cref="AccountId"/> and <see cref="Bot"/> '' mean every account or bot.</summary>
public sealed record KnowledgeDocumentInfo(long Id, string AccountId, string Bot, string Title, string Source, string Format, DateTimeOffset UpdatedAt)
{
    public long Size { get; init; }
    public long Passages { get; init; }
}

/// <summary>A passage retrieved for a question, with its score (higher is closer).</summary>
public sealed record KnowledgeHit(string Title, string? Heading, string Text, double Score);

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
