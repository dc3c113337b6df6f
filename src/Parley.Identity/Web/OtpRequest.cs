namespace Parley.Identity.Web;

/// <summary>Asks for a sign-in code on WhatsApp.</summary>
/// <param name="Phone">The number, in international form: <c>+15550001111</c>.</param>
/// <param name="Account">The account to send from; without it, the account the number talks to.</param>
/// <param name="Language"><c>es</c> or <c>en</c> (default: English).</param>
/// <param name="Realm">Where the person signs in (<c>resort-guest</c>); the code is sent only if that realm knows the number.</param>
public sealed record OtpRequest(string? Phone, string? Account = null, string? Language = null, string? Realm = null);
