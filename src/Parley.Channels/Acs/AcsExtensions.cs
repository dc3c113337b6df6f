using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Accounts;
using Parley.Core.Outbound;

namespace Parley.Channels.Acs;

public static class AcsExtensions
{
    /// <summary>Azure Communication Services Advanced Messaging: channel, media downloads, account test.</summary>
    public static IServiceCollection AddAcs(this IServiceCollection services)
    {
        // A timeout below the outbound lease (30 s), so a slow answer is retried by the holder of the lease.
        services.AddHttpClient(AcsRestClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<AcsRestClient>();
        services.AddSingleton<Parley.Core.Inbound.IWebhookReplayer, AcsWebhookReplayer>();
        services.AddSingleton<AcsRepeatability>();
        services.AddSingleton<IChannel, AcsChannel>();
        services.AddSingleton<IMediaDownloader, AcsMediaDownloader>();
        services.AddSingleton<IAccountTester, AcsAccountTester>();
        services.AddSingleton<IAccountRules, AcsAccountRules>();
        return services;
    }
}
