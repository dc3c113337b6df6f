namespace Parley.Ai.Knowledge;

/// <summary>What the API shows of a knowledge-base document.</summary>
public sealed record KbDocumentView(long Id, string? AccountId, string? Bot, string Title, string Source, string Format, long Passages, long Chars, string Origin, DateTimeOffset UpdatedAt)
{
    public static KbDocumentView From(KbDocument d) =>
        new(d.Id, d.AccountId.Length == 0 ? null : d.AccountId, d.Bot.Length == 0 ? null : d.Bot, d.Title, d.Source, d.Format, d.Passages, d.Chars, d.Origin, d.UpdatedAt);
}
