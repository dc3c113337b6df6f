namespace Parley.Api;

public sealed record SendReaction
{
    /// <summary>Parley's id (or the provider's id) of the message to react to.</summary>
    public string? MessageId { get; init; }
    /// <summary>One emoji; empty removes the reaction.</summary>
    public string? Emoji { get; init; }
}
