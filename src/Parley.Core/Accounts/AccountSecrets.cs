namespace Parley.Core.Accounts;

/// <summary>Which account keys hold secrets: stored encrypted, write-only, never printed.</summary>
public static class AccountSecrets
{
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "AccessToken", "AppSecret", "VerifyToken", "AuthToken", "AccessKey", "WebhookSecret", "ApiKey", "Ai:ApiKey",
    };

    public static bool IsSecret(string key) => Keys.Contains(key) || key.EndsWith("ApiKey", StringComparison.OrdinalIgnoreCase);
}
