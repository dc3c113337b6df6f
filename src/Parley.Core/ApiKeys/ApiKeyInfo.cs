namespace Parley.Core.ApiKeys;

/// <summary>An API key as Parley shows it: never the key itself, which exists only in the answer to its creation.</summary>
public sealed record ApiKeyInfo(long Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt)
{
    public string? CreatedBy { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public bool Active => RevokedAt is null;
}
