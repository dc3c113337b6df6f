namespace Parley.Core.Accounts;

/// <summary>A business number on one provider, with its settings and (decrypted, in memory only) secrets.</summary>
public sealed record Account(string Id, string Provider)
{
    public string? Bot { get; init; }
    public string? DisplayName { get; init; }
    public bool Enabled { get; init; } = true;
    /// <summary>Where the account was declared: <c>config</c>, <c>api</c> or <c>builtin</c>.</summary>
    public string Source { get; init; } = "config";
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    public string? Setting(string key) =>
        Settings.TryGetValue(key, out var v) && !string.IsNullOrEmpty(v) ? v : null;

    public string? Secret(string key) =>
        Secrets.TryGetValue(key, out var v) && !string.IsNullOrEmpty(v) ? v : null;

    /// <summary>Never prints secrets: records would otherwise include them in ToString.</summary>
    public override string ToString() => $"Account {Id} ({Provider})";
}
