namespace Parley.Core.Messaging;

public sealed record ListRow(string Id, string Title)
{
    public string? Description { get; init; }
}
