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

public static class Providers
{
    public const string Sandbox = "sandbox";
    public const string Meta = "meta";
    public const string Twilio = "twilio";
    public const string Acs = "acs";

    public static readonly IReadOnlyList<string> All = [Sandbox, Meta, Twilio, Acs];
}

/// <summary>Which account keys hold secrets: stored encrypted, write-only, never printed.</summary>
public static class AccountSecrets
{
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "AccessToken", "AppSecret", "VerifyToken", "AuthToken", "AccessKey", "WebhookSecret", "ApiKey", "Ai:ApiKey",
    };

    public static bool IsSecret(string key) => Keys.Contains(key) || key.EndsWith("ApiKey", StringComparison.OrdinalIgnoreCase);
}
