namespace Parley.Core.Statistics;

public sealed record TemplateCount(string Name, string? Language, long Count);
