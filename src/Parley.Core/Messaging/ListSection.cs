namespace Parley.Core.Messaging;

public sealed record ListSection(string? Title, IReadOnlyList<ListRow> Rows);
