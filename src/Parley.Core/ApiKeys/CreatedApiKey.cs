namespace Parley.Core.ApiKeys;

/// <summary>A new key: <see cref="Key"/> is shown once and cannot be recovered.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Key);
