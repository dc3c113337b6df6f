namespace Parley.Api;

public sealed record ReplayResponse(IReadOnlyList<ReplayItem> Results);
