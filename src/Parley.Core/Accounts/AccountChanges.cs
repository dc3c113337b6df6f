namespace Parley.Core.Accounts;

/// <summary>Changes to an account's editable parts; null leaves a part as it is.</summary>
public sealed record AccountChanges
{
    public string? Bot { get; init; }
    public string? DisplayName { get; init; }
    public bool? Enabled { get; init; }
    /// <summary>Settings to set; an empty value removes the setting.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }
    /// <summary>Secrets to set (write-only: they are never read back).</summary>
    public IReadOnlyDictionary<string, string>? Secrets { get; init; }
}
