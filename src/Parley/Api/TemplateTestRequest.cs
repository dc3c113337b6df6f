namespace Parley.Api;

public sealed record TemplateTestRequest
{
    public string? Name { get; init; }
    public string? Language { get; init; }
    public string? Account { get; init; }
    /// <summary>Render this text instead of a catalogue template.</summary>
    public string? Body { get; init; }
    /// <summary>Values for {{1}}, {{2}}, ... in order.</summary>
    public IReadOnlyList<string>? Parameters { get; init; }
    /// <summary>Values for named placeholders ({{first_name}}).</summary>
    public IReadOnlyDictionary<string, string>? NamedParameters { get; init; }
}
