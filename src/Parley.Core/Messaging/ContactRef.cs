namespace Parley.Core.Messaging;

/// <summary>The sender of an inbound message as the provider names them.</summary>
/// <param name="WaId">The provider's stable user id: a phone number in any of the forms providers write (stored by its <see cref="Contacts.ContactKey"/>: E.164 digits without '+'), or a business-scoped user id.</param>
public sealed record ContactRef(string WaId)
{
    /// <summary>E.164 phone number when known.</summary>
    public string? Phone { get; init; }
    public string? ProfileName { get; init; }
}
