namespace Parley.Core.Templates;

/// <summary>A local template as an operator writes it: WhatsApp's parts, with <c>{{1}}</c> or <c>{{name}}</c> placeholders.</summary>
public sealed record TemplateDraft(string AccountId, string Name, string Language, string Body)
{
    public string? Category { get; init; }
    public string? Header { get; init; }
    public string? Footer { get; init; }
    /// <summary>Quick-reply button titles (at most 3 are sent as buttons by WhatsApp).</summary>
    public IReadOnlyList<string> Buttons { get; init; } = [];
    public bool Active { get; init; } = true;
}
