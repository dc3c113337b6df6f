namespace Parley.Bots.Engine.Intents;

/// <summary>A word of an intent's phrase in matching form, with its <see cref="TokenSimilarity.Signature"/>.</summary>
internal readonly record struct Keyword(string Text, ulong Signature)
{
    public static Keyword From(string text) => new(text, TokenSimilarity.Signature(text));
}
