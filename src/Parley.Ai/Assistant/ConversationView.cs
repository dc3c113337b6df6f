using Parley.Core.Messaging;

namespace Parley.Ai.Assistant;

/// <summary>A conversation as the assistant sees it when it answers a message.</summary>
/// <param name="History">Earlier messages in conversation order (each reply right after the message it answers).</param>
/// <param name="Pending">The person's unanswered messages, oldest first, ending with the one being answered: a burst.</param>
public sealed record ConversationView(IReadOnlyList<StoredMessage> History, IReadOnlyList<StoredMessage> Pending);
