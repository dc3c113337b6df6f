namespace Parley.Api;

/// <param name="Outcome">replayed, not_found, not_failed, unsupported, account_missing or failed.</param>
public sealed record ReplayItem(string Id, string Outcome, string? Detail);
