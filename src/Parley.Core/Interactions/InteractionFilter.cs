using Parley.Core.Storage;

namespace Parley.Core.Interactions;

public sealed record InteractionFilter
{
    public string? AccountId { get; init; }
    public string? Intent { get; init; }
    /// <summary>The contact's number in any form (looked up by its <see cref="Contacts.ContactKey"/>).</summary>
    public string? Contact { get; init; }
    public string? Template { get; init; }
    public bool? Success { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public long? BeforeId { get; init; }
    public int Limit { get; init; } = Paging.DefaultLimit;
}
