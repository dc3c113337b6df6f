using Parley.Core.Accounts;
using Parley.Core.Outbound;

namespace Parley.Channels.Meta;

/// <summary>Marks inbound messages read (blue ticks) and shows WhatsApp's typing indicator while the bot works.</summary>
public sealed class MetaReadReceipts(MetaGraph graph) : IReadReceipts
{
    public string Provider => Providers.Meta;

    /// <exception cref="MetaApiException">Meta refused or could not be reached.</exception>
    public async Task MarkReadAsync(Account account, string providerMessageId, bool showTyping, CancellationToken ct)
    {
        var meta = MetaAccount.From(account);
        if (meta.MissingForSending() is { } missing)
        {
            throw new MetaApiException(missing, null, null, transient: false);
        }

        using var request = MetaGraph.PostJson(meta.Url(meta.PhoneNumberId!, "messages"), meta.AccessToken!, MetaMessagePayload.MarkRead(providerMessageId, showTyping));
        using var _ = await graph.SendForJsonAsync(request, ct);
    }
}
