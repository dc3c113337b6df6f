namespace Parley.Core.Messaging;

public sealed record ReactionInfo(string MessageId, string? Emoji);
