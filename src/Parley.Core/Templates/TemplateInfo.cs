namespace Parley.Core.Templates;

/// <summary>A message template: a local definition or the provider's approved one (synced), see migration 0002.</summary>
public sealed record TemplateInfo(long Id, string AccountId, string Name, string Language)
{
    public string? Category { get; init; }
    /// <summary><c>local</c>, or the provider's status (<c>APPROVED</c>, <c>PENDING</c>, <c>REJECTED</c>, <c>PAUSED</c>...).</summary>
    public string Status { get; init; } = "local";
    public string? ProviderTemplateId { get; init; }
    public string? Body { get; init; }
    public IReadOnlyList<string> Parameters { get; init; } = [];

    /// <summary>The parameters as stored: names, or objects with a name, a default and whether they are required.</summary>
    public string ParametersJson { get; init; } = "[]";
    public string? Components { get; init; }
    public bool Active { get; init; }
    public string Source { get; init; } = "local";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether the template may be sent: active, and local or approved by the provider.</summary>
    public bool Sendable => Active && (Status.Equals("local", StringComparison.OrdinalIgnoreCase) || Status.Equals("approved", StringComparison.OrdinalIgnoreCase) || Status.Equals("active", StringComparison.OrdinalIgnoreCase));
}
