namespace Parley.Core.Accounts;

/// <summary>
/// Which account keys hold secrets (stored encrypted, write-only, never printed): by name, the same for every provider,
/// so a new provider's credentials are protected without a change here. A key whose last segment ends in <c>Token</c>,
/// <c>Secret</c>, <c>Key</c> or <c>Password</c> is a secret (<c>AccessToken</c>, <c>AppSecret</c>, <c>AccessKey</c>,
/// <c>Ai:ApiKey</c>).
/// </summary>
public static class AccountSecrets
{
    private static readonly string[] Suffixes = ["Token", "Secret", "Key", "Password"];

    public static bool IsSecret(string key)
    {
        var name = key[(key.LastIndexOf(':') + 1)..];
        return Suffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
