using Microsoft.AspNetCore.Routing;
using Parley.Channels.Acs;

namespace Parley.Channels.Webhooks;

/// <summary>Every provider's webhook routes (<c>/webhooks/{provider}/{accountId}</c>).</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapAcsWebhooks();
        return app;
    }
}
