using Parley.Core.Messaging;

namespace Parley.Api;

/// <summary>What the bot would answer: its replies (nothing was sent or stored) and what it would change.</summary>
public sealed record DryRunResult(string Account, string Bot, IReadOnlyList<MessageContent> Replies)
{
    /// <summary>The readable text of each reply.</summary>
    public IReadOnlyList<string> Texts { get; init; } = [];

    /// <summary><c>human</c> when the bot would hand the conversation to a person; null: unchanged.</summary>
    public string? ConversationState { get; init; }

    /// <summary>Whether the bot would opt the contact out (true) or back in (false); null: unchanged.</summary>
    public bool? OptedOut { get; init; }
}
