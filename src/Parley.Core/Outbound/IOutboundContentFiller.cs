using Parley.Core.Messaging;

namespace Parley.Core.Outbound;

/// <summary>
/// Fills in what is kept out of the stored message just before the channel sends it: a module that sends a secret (a
/// one-time code) stores the message with the secret masked (<c>••••••</c>), so the admin thread, the API, webhooks and
/// logs never hold it, and hands the real value to the channel here. Returns the content unchanged when the message is
/// not its own.
/// </summary>
public interface IOutboundContentFiller
{
    ValueTask<MessageContent> FillAsync(StoredMessage message, CancellationToken ct);
}
