using Parley.Core.Accounts;

namespace Parley.Api;

public sealed record AccountView(string Id, string Provider, bool Enabled, string Source)
{
    public string? Bot { get; init; }
    public string? DisplayName { get; init; }
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    /// <summary>Names of the secrets that are set; their values are never returned.</summary>
    public IReadOnlyList<string> SecretsSet { get; init; } = [];

    internal static readonly AccountView Example = new("meta-main", "meta", true, "api")
    {
        Bot = "echo",
        Settings = new Dictionary<string, string> { ["PhoneNumberId"] = "106540352242922" },
        SecretsSet = ["AccessToken", "AppSecret", "VerifyToken"],
    };

    public static AccountView From(Account a) => new(a.Id, a.Provider, a.Enabled, a.Source)
    {
        Bot = a.Bot,
        DisplayName = a.DisplayName,
        Settings = a.Settings,
        SecretsSet = a.Secrets.Where(s => !string.IsNullOrEmpty(s.Value)).Select(s => s.Key).Order(StringComparer.Ordinal).ToList(),
    };
}
