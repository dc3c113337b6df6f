using Microsoft.AspNetCore.Routing;
using Parley.Channels.Acs;
using Parley.Channels.Meta;
using Parley.Channels.Twilio;

namespace Parley.Channels.Webhooks;

/// <summary>Every provider's webhook routes (<c>/webhooks/{provider}/{accountId}</c>, CONTRACTS.md "Webhooks").</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapMetaWebhooks();
        app.MapTwilioWebhooks();
        app.MapAcsWebhooks();
        return app;
    }
}
