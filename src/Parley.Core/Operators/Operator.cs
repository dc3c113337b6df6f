namespace Parley.Core.Operators;

/// <summary>A person who signs in to the admin UI. The password hash never leaves <see cref="OperatorStore"/>.</summary>
public sealed record Operator(long Id, string Email, string Role)
{
    public string? Name { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastLoginAt { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public int FailedAttempts { get; init; }

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Email : Name;
}
