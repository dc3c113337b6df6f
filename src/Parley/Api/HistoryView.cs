namespace Parley.Api;

public sealed record HistoryView(string Phone, IReadOnlyList<MessageView> Messages);
