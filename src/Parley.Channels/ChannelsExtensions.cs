using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Channels.Acs;
using Parley.Channels.Sandbox;
using Parley.Core.Accounts;
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
        services.AddSingleton<IChannel, SandboxChannel>();
        services.AddSingleton<IAccountSource, SandboxAccounts>();

        // ACS: a timeout below the outbound lease (30 s), so a slow answer is retried by the holder of the lease.
        services.AddHttpClient(AcsRestClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<AcsRestClient>();
        services.AddSingleton<AcsRepeatability>();
        services.AddSingleton<IChannel, AcsChannel>();
        services.AddSingleton<IMediaDownloader, AcsMediaDownloader>();
        services.AddSingleton<IAccountTester, AcsAccountTester>();
        return builder;
    }
}
