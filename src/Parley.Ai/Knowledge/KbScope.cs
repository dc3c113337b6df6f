namespace Parley.Ai.Knowledge;

/// <summary>
/// Whose knowledge a question is answered from: an account's documents plus those for every account (<c>''</c>),
/// and of those, the ones for this bot plus those for every bot (<c>''</c>).
/// </summary>
public sealed record KbScope(string AccountId, string Bot)
{
    public const string Everyone = "";

    public static KbScope For(string accountId, string? bot) => new(accountId, bot ?? Everyone);
}
