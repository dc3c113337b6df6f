namespace Parley.Core.Conversations;

/// <summary>A ready-made reply an agent can pick while holding a conversation; <see cref="AccountId"/> '' is for every account.</summary>
public sealed record CannedResponse(long Id, string AccountId, string Title, string Text)
{
    public string? CreatedBy { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
