namespace Parley.Api;

/// <summary>The new key's description and the key itself, shown this once.</summary>
public sealed record CreatedApiKeyView(ApiKeyView ApiKey, string Key);
