namespace Parley.Core.Contacts;

/// <summary>
/// One contact given its canonical key (<see cref="ContactKey"/>) by migration <c>core 0011</c>, and merged into another
/// when both stood for one number (<see cref="FromContactId"/> equals <see cref="ToContactId"/> when it was only re-keyed).
/// </summary>
public sealed record ContactMerge(long Id, string AccountId, long FromContactId, long ToContactId, string FromWaId, string ToWaId)
{
    /// <summary>The contact's conversation before the merge, if it had one.</summary>
    public long? FromConversationId { get; init; }

    /// <summary>The conversation it became part of.</summary>
    public long? ToConversationId { get; init; }
}
