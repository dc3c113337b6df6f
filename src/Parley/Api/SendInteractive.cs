using Parley.Core.Messaging;

namespace Parley.Api;

public sealed record SendInteractive
{
    /// <summary>button (up to 3 reply buttons) or list.</summary>
    public string? Kind { get; init; }
    public string? Header { get; init; }
    public string? Footer { get; init; }
    public IReadOnlyList<ReplyButton>? Buttons { get; init; }
    /// <summary>Label of the button that opens the list.</summary>
    public string? ListButton { get; init; }
    public IReadOnlyList<ListSection>? Sections { get; init; }
}
