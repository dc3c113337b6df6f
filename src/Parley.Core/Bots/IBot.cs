using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Core.Bots;

/// <summary>
/// A bot answers the inbound messages of the accounts it serves. The messaging core calls it once per
/// message, in order per conversation, and stores its replies and session in the same transaction that
/// marks the message processed, so a crash never loses or repeats a reply.
/// </summary>
public interface IBot
{
    /// <summary>The name accounts use to pick this bot (<c>Parley:Accounts:{n}:Bot</c>).</summary>
    string Name { get; }

    /// <summary>One line shown in the sandbox's bot picker and the admin.</summary>
    string Description { get; }

    Task<BotResult> HandleAsync(BotRequest request, CancellationToken ct);
}

public sealed record BotRequest(Account Account, ContactInfo Contact, ConversationInfo Conversation, StoredMessage Message)
{
    /// <summary>The conversation's most recent messages before this one, oldest first.</summary>
    public IReadOnlyList<StoredMessage> History { get; init; } = [];
}

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

public sealed record ContactInfo(long Id, string WaId)
{
    public string? Phone { get; init; }
    public string? Name { get; init; }
    public bool OptedOut { get; init; }
    public bool Blocked { get; init; }
    public bool Allowed { get; init; }
}

public sealed record ConversationInfo(long Id, string AccountId, long ContactId)
{
    public const string BotState = "bot";
    public const string HumanState = "human";

    public string State { get; init; } = BotState;
    public string? Session { get; init; }
    public DateTimeOffset? LastInboundAt { get; init; }
}
