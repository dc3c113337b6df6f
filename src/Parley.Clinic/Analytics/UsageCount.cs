namespace Parley.Clinic.Analytics;

public sealed record UsageCount(string Kind, string Name, string? Role, long Count);
