namespace Parley.Core.Operators;

/// <summary>What an operator may do: <c>admin</c> everything; <c>agent</c> conversations, contacts (read), the interaction log and the knowledge base (read).</summary>
public static class OperatorRoles
{
    public const string Admin = "admin";
    public const string Agent = "agent";

    public static readonly IReadOnlyList<string> All = [Admin, Agent];

    public static bool IsKnown(string? role) => role is Admin or Agent;
}
