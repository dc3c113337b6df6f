using Parley.Channels.Webhooks;
using Parley.Core.Accounts;
using Parley.Core.Inbound;
using Parley.Core.Messaging;

namespace Parley.Channels.Twilio;

/// <summary>Parses a stored Twilio delivery again (one kept as failed when it arrived), as the live endpoint does after its signature check.</summary>
public sealed class TwilioWebhookReplayer(TimeProvider time) : IWebhookReplayer
{
    public string Provider => Providers.Twilio;

    public Task<InboundBatch> ParseAsync(Account account, StoredWebhookEvent stored, CancellationToken ct)
    {
        var body = stored.Body ?? throw new InvalidOperationException("The stored event has no body.");
        if (stored.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Task.FromResult(new InboundBatch(account.Id, Providers.Twilio, body) { ContentType = stored.ContentType, OtherEvents = ["twilio:json"] });
        }

        var form = TwilioForm.Parse(body);
        var clean = new TwilioForm(form.Fields.Select(f => KeyValuePair.Create(WebhookText.Clean(f.Key), WebhookText.Clean(f.Value))));
        return Task.FromResult(TwilioWebhookParser.Parse(account.Id, clean, body, stored.ContentType, time.GetUtcNow()));
    }
}
