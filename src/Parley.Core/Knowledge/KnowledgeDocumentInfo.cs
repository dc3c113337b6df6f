namespace Parley.Core.Knowledge;

/// <summary>A document of the assistant's knowledge base; <see cref="AccountId"/> and <see cref="Bot"/> '' mean every account or bot.</summary>
public sealed record KnowledgeDocumentInfo(long Id, string AccountId, string Bot, string Title, string Source, string Format, DateTimeOffset UpdatedAt)
{
    public long Size { get; init; }
    public long Passages { get; init; }
}
