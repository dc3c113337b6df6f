namespace Parley.Identity;

/// <summary>Who a phone number is in a realm, as the module that owns the realm's records says.</summary>
/// <param name="Realm">The realm that resolved it: <c>resort-guest</c>, <c>clinic</c>.</param>
/// <param name="SubjectId">The module's id of the record (a guest, a patient, a staff member).</param>
/// <param name="Role">The module's role for it (<c>patient</c>, <c>staff</c>), or null.</param>
public sealed record IdentitySubject(string Realm, string SubjectId, string DisplayName, string? Role);
