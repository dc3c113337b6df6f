namespace Parley.Api;

public sealed record TemplateTestResult(string Rendered, IReadOnlyList<string> Placeholders, IReadOnlyList<string> Missing, IReadOnlyList<string> Unused, bool Complete)
{
    /// <summary>The catalogue template's language: the one asked for, or the default it fell back to; null for a given <c>body</c>.</summary>
    public string? Language { get; init; }
}
