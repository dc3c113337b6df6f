using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Channels.Acs;
using Parley.Channels.Meta;
using Parley.Channels.Sandbox;
using Parley.Channels.Twilio;
using Parley.Core.Accounts;
using Parley.Core.Inbound;
using Parley.Core.Outbound;
using Parley.Core.Webhooks;

namespace Parley.Channels;

public static class ChannelsExtensions
{
    /// <summary>The WhatsApp providers Parley speaks, and the sandbox.</summary>
    public static IHostApplicationBuilder AddChannels(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SandboxExposure>();
        services.AddSingleton<SandboxAccess>();
        services.AddHostedService<SandboxStartupCheck>();
        services.AddRateLimiter(SandboxRateLimits.Add);
        // Sandbox events reach outgoing webhooks only when asked for (they are marked "sandbox": true).
        services.AddOptions<OutgoingWebhookOptions>().Configure<IOptions<SandboxOptions>>((webhooks, sandbox) => webhooks.DeliverSandboxEvents = sandbox.Value.OutgoingWebhooks);
        services.AddSingleton<SandboxReceipts>();
        services.AddSingleton<SandboxDeliveries>();
        services.AddSingleton<IChannel, SandboxChannel>();
        services.AddSingleton<IAccountSource, SandboxAccounts>();
        services.AddSingleton<IAccountTester, SandboxAccountTester>();
        services.AddSingleton<IWebhookReplayer, SandboxWebhookReplayer>();
        services.AddMeta();
        services.AddAcs();
        services.AddTwilio();
        return builder;
    }
}
