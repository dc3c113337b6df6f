using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Outbound;

namespace Parley.Channels.Twilio;

public static class TwilioRegistration
{
    /// <summary>The Twilio channel, its media downloader and account tester, and their HTTP clients.</summary>
    public static IServiceCollection AddTwilio(this IServiceCollection services)
    {
        services.AddSingleton<Parley.Core.Inbound.IWebhookReplayer, TwilioWebhookReplayer>();
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(TwilioChannel.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<TwilioOptions>>().Value.Timeout);
        // Redirects are followed by TwilioMediaDownloader itself, so credentials never leave Twilio's origin.
        services.AddHttpClient(TwilioMediaDownloader.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<TwilioOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<IChannel, TwilioChannel>();
        services.AddSingleton<IMediaDownloader, TwilioMediaDownloader>();
        services.AddSingleton<IAccountTester, TwilioAccountTester>();
        services.AddSingleton<IAccountRules, TwilioAccountRules>();
        return services;
    }
}
