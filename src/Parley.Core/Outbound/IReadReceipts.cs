using Parley.Core.Accounts;

namespace Parley.Core.Outbound;

/// <summary>Marks an inbound message read, with a typing indicator where the provider supports one.</summary>
public interface IReadReceipts
{
    string Provider { get; }

    Task MarkReadAsync(Account account, string providerMessageId, bool showTyping, CancellationToken ct);
}
