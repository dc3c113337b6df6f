namespace Parley.Core.Contacts;

/// <summary>A contact as lists show it.</summary>
public sealed record ContactSummary(long Id, string AccountId, string WaId)
{
    public string? Phone { get; init; }
    public string? Name { get; init; }
    public bool OptedOut { get; init; }
    public DateTimeOffset? OptedOutAt { get; init; }
    public bool Blocked { get; init; }
    public bool Allowed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
