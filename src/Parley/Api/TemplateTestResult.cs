namespace Parley.Api;

public sealed record TemplateTestResult(string Rendered, IReadOnlyList<string> Placeholders, IReadOnlyList<string> Missing, IReadOnlyList<string> Unused, bool Complete);
