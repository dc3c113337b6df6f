using System.Text;
using Parley.Core.Accounts;
using Parley.Core.Inbound;
using Parley.Core.Messaging;

namespace Parley.Channels.Meta;

/// <summary>Parses a stored Meta delivery again (one kept as failed when it arrived), as the live endpoint does after its signature check.</summary>
public sealed class MetaWebhookReplayer(MetaWebhookParser parser) : IWebhookReplayer
{
    public string Provider => Providers.Meta;

    public Task<InboundBatch> ParseAsync(Account account, StoredWebhookEvent stored, CancellationToken ct)
    {
        var body = stored.Body ?? throw new InvalidOperationException("The stored event has no body.");
        return Task.FromResult(parser.Parse(account.Id, Encoding.UTF8.GetBytes(body), MetaAccount.From(account).PhoneNumberId).Batch);
    }
}
