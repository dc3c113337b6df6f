using Parley.Core.Accounts;
using Parley.Core.Templates;

namespace Parley.Channels.Meta;

/// <summary>Meta's template sync behind the core's <see cref="ITemplateSync"/> (used by <c>templates sync</c> and the API).</summary>
public sealed class MetaTemplateSyncAdapter(MetaTemplateSync sync) : ITemplateSync
{
    public string Provider => Providers.Meta;

    public async Task<TemplateSyncResult> SyncAsync(Account account, CancellationToken ct)
    {
        try
        {
            return new TemplateSyncResult(await sync.SyncAsync(account, ct));
        }
        catch (Exception ex) when (ex is InvalidOperationException or MetaApiException or HttpRequestException)
        {
            throw new TemplateSyncException(ex.Message, ex);
        }
    }
}
