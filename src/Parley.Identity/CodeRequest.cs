namespace Parley.Identity;

/// <summary>A request to send a one-time code to a phone number.</summary>
/// <param name="Phone">E.164: <c>+15550001111</c>.</param>
/// <param name="Account">The account to send through; null: the account that serves the number (its latest conversation) or the only one.</param>
/// <param name="Language">The language of the message (<c>es</c>, <c>en</c>); null: the account's or English.</param>
/// <param name="ClientIp">The web client's address, for the audit (null in chat).</param>
public sealed record CodeRequest(string Phone, string? Account = null, string? Language = null, string? ClientIp = null);
