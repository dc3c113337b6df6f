namespace Parley.Core.Bots;

/// <summary>What a bot asks <see cref="IReplyPhrasing"/> to put into words.</summary>
/// <param name="Language">The reply's language: <c>es</c>, <c>en</c>.</param>
/// <param name="Question">What the person asked, in their words.</param>
/// <param name="Facts">The bot's own answer (for example a ranked list): the only source of the phrasing.</param>
/// <param name="MustKeep">Text the phrasing must contain as written (names, references); without it the bot's text is sent.</param>
public sealed record ReplyPhrasingRequest(string Language, string Question, string Facts, IReadOnlyList<string> MustKeep)
{
    /// <summary>The longest phrasing used (a WhatsApp list's body holds 1,024 characters).</summary>
    public int MaxLength { get; init; } = 1024;

    /// <summary>The bot asking (for the usage log).</summary>
    public string? Bot { get; init; }
}
