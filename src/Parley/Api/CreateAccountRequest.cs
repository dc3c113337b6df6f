namespace Parley.Api;

public sealed record CreateAccountRequest
{
    /// <summary>URL-safe id (letters, digits, '-', '_'), used in webhook paths.</summary>
    public string? Id { get; init; }
    /// <summary>meta, twilio, acs or sandbox.</summary>
    public string? Provider { get; init; }
    /// <summary>The bot that answers this number; the default bot when left out.</summary>
    public string? Bot { get; init; }
    public string? DisplayName { get; init; }
    public bool? Enabled { get; init; }
    public IReadOnlyDictionary<string, string>? Settings { get; init; }
    /// <summary>Write-only: stored encrypted, never returned.</summary>
    public IReadOnlyDictionary<string, string>? Secrets { get; init; }
}
