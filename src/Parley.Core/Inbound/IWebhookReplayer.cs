using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Core.Inbound;

/// <summary>
/// Parses a stored provider webhook body again, the same way the live endpoint does (without the signature check:
/// the body was verified when it arrived). Each channel registers one for its provider.
/// </summary>
public interface IWebhookReplayer
{
    string Provider { get; }

    /// <summary>The batch the body carries; throws (any exception, with a clear message) when it still cannot be parsed.</summary>
    Task<InboundBatch> ParseAsync(Account account, StoredWebhookEvent stored, CancellationToken ct);
}
