namespace Parley.Core.Messaging;

public sealed record ReplyButton(string Id, string Title);
