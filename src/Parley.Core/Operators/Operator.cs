namespace Parley.Core.Operators;

/// <summary>A person who signs in to the admin UI. The password hash never leaves <see cref="OperatorStore"/>.</summary>
public sealed record Operator(long Id, string Email, string Role)
{
    public string? Name { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastLoginAt { get; init; }

    /// <summary>Until when no password of this operator is checked, after repeated failures (see <see cref="OperatorStore.DelayAfter"/>).</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>Failed sign-ins in a row.</summary>
    public int FailedAttempts { get; init; }

    /// <summary>
    /// A random value the sign-in cookie carries; replaced when the password or the role changes and by "sign out
    /// everywhere", which ends every session signed in before.
    /// </summary>
    public string SecurityStamp { get; init; } = "";

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Email : Name;
}
