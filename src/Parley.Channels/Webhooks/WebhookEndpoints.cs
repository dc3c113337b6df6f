using Microsoft.AspNetCore.Routing;
using Parley.Channels.Twilio;

namespace Parley.Channels.Webhooks;

/// <summary>The providers' webhook routes (CONTRACTS.md, "Webhooks").</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapTwilioWebhooks();
        return app;
    }
}
