namespace Parley.Core.Messaging;

/// <summary>The sender of an inbound message as the provider names them.</summary>
/// <param name="WaId">The provider's stable user id: wa_id digits for Meta, the E.164 number for Twilio and ACS, or a business-scoped user id.</param>
public sealed record ContactRef(string WaId)
{
    /// <summary>E.164 phone number when known.</summary>
    public string? Phone { get; init; }
    public string? ProfileName { get; init; }
}
