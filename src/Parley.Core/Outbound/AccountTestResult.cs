namespace Parley.Core.Outbound;

public sealed record AccountTestResult(bool Ok, string Detail);
