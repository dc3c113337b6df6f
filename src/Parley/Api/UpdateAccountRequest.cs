namespace Parley.Api;

public sealed record UpdateAccountRequest
{
    /// <summary>"" returns the account to the default bot.</summary>
    public string? Bot { get; init; }
    public string? DisplayName { get; init; }
    public bool? Enabled { get; init; }
    public IReadOnlyDictionary<string, string>? Settings { get; init; }
    public IReadOnlyDictionary<string, string>? Secrets { get; init; }
}
