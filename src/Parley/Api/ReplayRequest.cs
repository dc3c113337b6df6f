namespace Parley.Api;

public sealed record ReplayRequest
{
    public IReadOnlyList<string>? Ids { get; init; }
    /// <summary>Replay every failed event (optionally of one <c>account</c>).</summary>
    public bool? Failed { get; init; }
    public string? Account { get; init; }
}
