using Microsoft.AspNetCore.Routing;
using Parley.Channels.Meta;

namespace Parley.Channels.Webhooks;

/// <summary>Every provider's webhook routes (<c>/webhooks/{provider}/{accountId}</c>), one line per provider.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapMetaWebhooks();
        return app;
    }
}
