namespace Parley.Core.Templates;

/// <summary>A template as a module brings it to <see cref="TemplateWriter"/>.</summary>
/// <param name="AccountId">The account, or <c>''</c> for every account.</param>
public sealed record TemplateRecord(string AccountId, string Name, string Language, string Source)
{
    public string? Category { get; init; }

    /// <summary><c>local</c>, or the provider's status (<c>APPROVED</c>, <c>PENDING</c>, ...).</summary>
    public string Status { get; init; } = "local";

    public string? ProviderTemplateId { get; init; }
    public string? Body { get; init; }

    /// <summary>The body's parameters as stored: a JSON array of names, or of objects with a name and a default.</summary>
    public string ParametersJson { get; init; } = "[]";

    /// <summary>The provider's components (JSON), for synced templates.</summary>
    public string? Components { get; init; }

    public bool Active { get; init; } = true;
}
