using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Core.Outbound;

/// <param name="To">The recipient as the provider names them (wa_id or E.164).</param>
public sealed record OutboundRequest(Account Account, long MessageId, string To, MessageContent Content, string IdempotencyKey)
{
    public string? ToPhone { get; init; }
}
