using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Bots;
using Parley.Core.Messaging;

namespace Parley.Channels.Meta;

/// <summary>
/// When a bot starts on a message from a Meta account, marks it read (blue ticks) with WhatsApp's typing indicator,
/// which stays until the reply arrives or 25 seconds pass (<c>Parley:Meta:AutoMarkRead</c>, on by default).
/// </summary>
public sealed class MetaAutoMarkRead(MetaReadReceipts receipts, IOptions<MetaOptions> options) : IBotWorkingNotice
{
    public Task BotStartedAsync(Account account, StoredMessage message, CancellationToken ct) =>
        options.Value.AutoMarkRead && account.Provider == Providers.Meta && message.ProviderMessageId is { Length: > 0 } id
            ? receipts.MarkReadAsync(account, id, showTyping: true, ct)
            : Task.CompletedTask;
}
