namespace Parley.Core.Outbound.Policy;

/// <summary>What <see cref="OutboundPolicy"/> needs to know about the person a message would go to.</summary>
/// <param name="Blocked">An operator blocked the contact.</param>
/// <param name="OptedOut">The contact asked for no more messages (and has not opted in again).</param>
/// <param name="LastInboundAt">When the contact last wrote to the account; null if never.</param>
public sealed record OutboundRecipient(bool Blocked, bool OptedOut, DateTimeOffset? LastInboundAt);
