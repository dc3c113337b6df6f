namespace Parley.Core.Messaging;

public sealed record InteractiveContent
{
    /// <summary><c>button</c> (reply buttons) or <c>list</c>.</summary>
    public required string Kind { get; init; }
    public string? Header { get; init; }
    public string? Footer { get; init; }
    public IReadOnlyList<ReplyButton>? Buttons { get; init; }
    /// <summary>Label of the button that opens a list.</summary>
    public string? ListButton { get; init; }
    public IReadOnlyList<ListSection>? Sections { get; init; }

    public const string ButtonKind = "button";
    public const string ListKind = "list";
}
