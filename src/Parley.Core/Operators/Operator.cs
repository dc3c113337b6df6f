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

/// <summary>What an operator may do: <c>admin</c> everything; <c>agent</c> conversations, contacts (read), the interaction log and the knowledge base (read).</summary>
public static class OperatorRoles
{
    public const string Admin = "admin";
    public const string Agent = "agent";

    public static readonly IReadOnlyList<string> All = [Admin, Agent];

    public static bool IsKnown(string? role) => role is Admin or Agent;
}

public enum SignInStatus
{
    Succeeded,
    /// <summary>Unknown email or wrong password (the two are not told apart).</summary>
    Failed,
    /// <summary>Too many failures: no password is checked until <see cref="SignInResult.LockedUntil"/>.</summary>
    LockedOut,
}

public sealed record SignInResult(SignInStatus Status, Operator? Operator = null, DateTimeOffset? LockedUntil = null);

public sealed class OperatorException(string message) : Exception(message);
