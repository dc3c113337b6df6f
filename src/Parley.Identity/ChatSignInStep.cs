using Parley.Core.Messaging;

namespace Parley.Identity;

/// <summary>What the chat sign-in flow did with one message.</summary>
/// <param name="Replies">The messages to return from the bot (in the conversation's language).</param>
/// <param name="Handled">True when the flow consumed the message (the bot should not answer it otherwise).</param>
/// <param name="SignedIn">Set on the message that completed sign-in.</param>
public sealed record ChatSignInStep(IReadOnlyList<MessageContent> Replies, bool Handled, ChatSession? SignedIn = null)
{
    /// <summary>The flow is not involved: the bot handles the message itself.</summary>
    public static ChatSignInStep NotHandled { get; } = new([], false);

    /// <summary>True while the flow waits for a number or a code in this conversation (after this message).</summary>
    public bool IsActive { get; init; }

    /// <summary>Set on the message that signed the conversation out (<c>logout</c>).</summary>
    public bool SignedOut { get; init; }
}
