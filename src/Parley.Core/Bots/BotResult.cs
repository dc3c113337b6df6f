using Parley.Core.Messaging;

namespace Parley.Core.Bots;

public sealed record BotResult
{
    public static readonly BotResult Silent = new();

    public IReadOnlyList<MessageContent> Replies { get; init; } = [];

    /// <summary>The session to store; null keeps the stored one.</summary>
    public string? Session { get; init; }

    /// <summary>Sets the conversation's state (<c>bot</c> or <c>human</c>); null keeps it.</summary>
    public string? ConversationState { get; init; }

    /// <summary>Sets the contact's opt-out; null keeps it.</summary>
    public bool? OptedOut { get; init; }

    public static BotResult Reply(params MessageContent[] replies) => new() { Replies = replies };
}
