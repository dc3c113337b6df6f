using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Outbound;

namespace Parley.Channels.Meta;

public static class MetaExtensions
{
    /// <summary>The Meta WhatsApp Cloud API channel: sending, webhook parsing, media, read receipts, account test, templates.</summary>
    public static IServiceCollection AddMeta(this IServiceCollection services)
    {
        services.AddOptions<MetaOptions>().BindConfiguration(MetaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(MetaGraph.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<MetaOptions>>().Value.HttpTimeout);

        services.AddSingleton<MetaGraph>();
        services.AddSingleton<MetaWebhookParser>();
        services.AddSingleton<Parley.Core.Inbound.IWebhookReplayer, MetaWebhookReplayer>();
        services.AddSingleton<MetaTemplateStore>();
        services.AddSingleton<MetaTemplateSync>();
        services.AddSingleton<Parley.Core.Templates.ITemplateSync, MetaTemplateSyncAdapter>();
        services.AddSingleton<MetaMediaUploader>();
        services.AddSingleton<MetaChannel>();
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<MetaChannel>());
        services.AddSingleton<MetaMediaDownloader>();
        services.AddSingleton<IMediaDownloader>(sp => sp.GetRequiredService<MetaMediaDownloader>());
        services.AddSingleton<MetaReadReceipts>();
        services.AddSingleton<IReadReceipts>(sp => sp.GetRequiredService<MetaReadReceipts>());
        services.AddSingleton<Parley.Core.Bots.IBotWorkingNotice, MetaAutoMarkRead>();
        services.AddSingleton<IAccountTester, MetaAccountTester>();
        services.AddSingleton<IAccountRules, MetaAccountRules>();
        services.AddSingleton<Parley.Core.Accounts.IBusinessProfiles, MetaBusinessProfiles>();
        services.AddHostedService<MetaTemplateSyncService>();
        return services;
    }
}
