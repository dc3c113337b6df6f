namespace Parley.Api;

public sealed record TakeoverRequest
{
    /// <summary>Who takes over or hands back (shown to others and sent in the webhook); the API key's name when left out.</summary>
    public string? By { get; init; }
}
