using System.Text.Json;
using Parley.Core.Accounts;
using Parley.Core.Contacts;
using Parley.Core.Inbound;
using Parley.Core.Messaging;

namespace Parley.Channels.Sandbox;

/// <summary>
/// Parses a stored sandbox event again: a message as the chat page posted it (<see cref="SandboxInbound"/>), or a
/// simulated receipt (<c>{"id": "sbx.out.1", "status": "read"}</c>). Files are not in the stored body, so a replayed
/// attachment comes back as its caption only.
/// </summary>
public sealed class SandboxWebhookReplayer : IWebhookReplayer
{
    public string Provider => Providers.Sandbox;

    public Task<InboundBatch> ParseAsync(Account account, StoredWebhookEvent stored, CancellationToken ct)
    {
        var body = stored.Body ?? throw new InvalidOperationException("The stored event has no body.");
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.TryGetProperty("status", out var status) && doc.RootElement.TryGetProperty("id", out var id))
        {
            return Task.FromResult(new InboundBatch(account.Id, Providers.Sandbox, body)
            {
                ContentType = stored.ContentType,
                Statuses = [new StatusUpdate(id.GetString()!, MessageStatusRules.FromWire(status.GetString()), stored.ReceivedAt)],
            });
        }

        var inbound = doc.RootElement.Deserialize<SandboxInbound>(ParleyJson.Options) ?? throw new InvalidOperationException("The stored body is empty.");
        if (!PhoneNumber.TryParse(inbound.From, null, out var phone))
        {
            throw new InvalidOperationException("'from' is not a phone number in international form.");
        }

        var errors = new Dictionary<string, string[]>();
        var content = SandboxEndpoints.ToContent(inbound, null, errors)
            ?? throw new InvalidOperationException(string.Join(" ", errors.SelectMany(e => e.Value)));
        // Without a client id the original got a random one; the event id keeps replays of the same event idempotent.
        var clientId = string.IsNullOrWhiteSpace(inbound.Id) ? $"replay-{stored.Id}" : inbound.Id.Trim();
        var name = string.IsNullOrWhiteSpace(inbound.Name) ? null : inbound.Name.Trim();
        return Task.FromResult(new InboundBatch(account.Id, Providers.Sandbox, body)
        {
            ContentType = stored.ContentType,
            Messages =
            [
                new InboundMessage($"sbx.in.{phone.WaId}.{clientId}", new ContactRef(phone.WaId) { Phone = phone.ToE164(), ProfileName = name }, content, stored.ReceivedAt)
                {
                    Raw = body,
                },
            ],
        });
    }
}
