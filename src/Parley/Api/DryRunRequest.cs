namespace Parley.Api;

/// <summary>A message to run through an account's bot without storing or sending anything.</summary>
public sealed record DryRunRequest
{
    /// <summary>The account whose bot answers.</summary>
    public string? Account { get; init; }

    /// <summary>Who writes, in international form; an existing contact's name and flags are used when the number is known.</summary>
    public string? Phone { get; init; }

    /// <summary>What they write.</summary>
    public string? Text { get; init; }

    /// <summary>Their profile name, when the number is not a known contact.</summary>
    public string? Name { get; init; }
}
