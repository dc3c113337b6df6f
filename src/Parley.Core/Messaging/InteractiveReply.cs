namespace Parley.Core.Messaging;

public sealed record InteractiveReply(string Id, string? Title)
{
    public string? Description { get; init; }
    /// <summary><c>button_reply</c>, <c>list_reply</c> or <c>quick_reply</c> (a template button).</summary>
    public string? Kind { get; init; }
}
