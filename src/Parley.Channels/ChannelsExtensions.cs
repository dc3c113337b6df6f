using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Channels.Acs;
using Parley.Channels.Meta;
using Parley.Channels.Sandbox;
using Parley.Channels.Twilio;
using Parley.Core.Accounts;
using Parley.Core.Inbound;
using Parley.Core.Outbound;

namespace Parley.Channels;

public static class ChannelsExtensions
{
    /// <summary>The WhatsApp providers Parley speaks, and the sandbox.</summary>
    public static IHostApplicationBuilder AddChannels(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName);
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
