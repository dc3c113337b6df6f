namespace Parley.Core.Conversations;

public sealed record ConversationFilter
{
    public string? AccountId { get; init; }
    public long? ContactId { get; init; }
    /// <summary>The contact's phone number or wa_id, in any form (looked up by its <see cref="Contacts.ContactKey"/>).</summary>
    public string? ContactWaId { get; init; }
    public string? State { get; init; }
    /// <summary>Part of the contact's name, phone number or wa_id.</summary>
    public string? Search { get; init; }
    /// <summary>Only conversations with messages nobody has looked at.</summary>
    public bool UnreadOnly { get; init; }
}
