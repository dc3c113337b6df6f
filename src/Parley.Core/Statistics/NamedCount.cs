namespace Parley.Core.Statistics;

public sealed record NamedCount(string Name, long Count);
