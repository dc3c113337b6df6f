namespace Parley.Channels.Meta;

/// <summary>A template as Meta lists it, ready for the <c>templates</c> table.</summary>
public sealed record MetaTemplate(string Name, string Language, string Status)
{
    public string? Id { get; init; }
    public string? Category { get; init; }
    /// <summary>The BODY component's text, with its <c>{{1}}</c> or <c>{{name}}</c> placeholders.</summary>
    public string? Body { get; init; }
    /// <summary>Placeholder names of the body in order of appearance: <c>["1","2"]</c> or <c>["first_name"]</c>.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];
    /// <summary>The components array as Meta sent it.</summary>
    public string? Components { get; init; }

    public bool Active => Status == MetaTemplateStore.Approved;
}
