namespace Parley.Api;

public sealed record CreateApiKeyRequest
{
    public string? Name { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
}
