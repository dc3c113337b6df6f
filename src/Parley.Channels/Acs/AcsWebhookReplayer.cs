using System.Text;
using Parley.Core.Accounts;
using Parley.Core.Inbound;
using Parley.Core.Messaging;

namespace Parley.Channels.Acs;

/// <summary>Parses a stored ACS delivery again (one kept as failed when it arrived), as the live endpoint does after its code check.</summary>
public sealed class AcsWebhookReplayer(TimeProvider time) : IWebhookReplayer
{
    public string Provider => Providers.Acs;

    public Task<InboundBatch> ParseAsync(Account account, StoredWebhookEvent stored, CancellationToken ct)
    {
        var body = stored.Body ?? throw new InvalidOperationException("The stored event has no body.");
        var parsed = AcsWebhookParser.Parse(account.Id, Encoding.UTF8.GetBytes(body), stored.ContentType, account.Setting(AcsAccountSettings.ChannelRegistrationIdKey), time.GetUtcNow());
        return Task.FromResult(parsed.Batch);
    }
}
