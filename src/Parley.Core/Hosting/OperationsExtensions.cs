using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.ApiKeys;
using Parley.Core.Contacts;
using Parley.Core.Conversations;
using Parley.Core.Events;
using Parley.Core.Inbound;
using Parley.Core.Maintenance;
using Parley.Core.Outbound.Policy;
using Parley.Core.Outbound.Sending;
using Parley.Core.Statistics;
using Parley.Core.Templates;
using Parley.Core.Webhooks;

namespace Parley.Core.Hosting;

public static class OperationsExtensions
{
    /// <summary>
    /// What the operator surfaces (REST API, admin UI, CLI) share: queries and commands over the store, API keys,
    /// domain events and outgoing webhooks, webhook replay. Retention is registered by <see cref="RetentionExtensions.AddParleyRetention"/>.
    /// </summary>
    public static IServiceCollection AddParleyOperations(this IServiceCollection services)
    {
        services.AddOptions<OutgoingWebhookOptions>().BindConfiguration(OutgoingWebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<IDomainEvents, DomainEventPublisher>();
        services.AddSingleton<OutgoingWebhooks>();
        services.AddSingleton<IDomainEventListener>(sp => sp.GetRequiredService<OutgoingWebhooks>());
        services.AddHttpClient(WebhookDispatcher.HttpClientName, (sp, http) =>
            {
                http.Timeout = sp.GetRequiredService<IOptions<OutgoingWebhookOptions>>().Value.Timeout + TimeSpan.FromSeconds(5);
                http.DefaultRequestHeaders.UserAgent.ParseAdd("Parley-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());

        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<AccountValidator>();
        services.AddSingleton<AccountAdmin>();
        services.AddSingleton<AccountAlerts>();
        services.AddSingleton<ConversationQueries>();
        services.AddSingleton<ConversationTakeover>();
        services.AddSingleton<ContactDirectory>();
        services.AddSingleton<Startup.IStartupTask, ContactMergeFollowers>();
        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<TemplateWriter>();
        services.AddSingleton<StatisticsQueries>();
        services.AddSingleton<MonitorQueries>();
        services.AddSingleton<ActivityQueries>();
        services.AddSingleton<WebhookEventStore>();
        services.AddSingleton<WebhookReplay>();
        services.AddSingleton<IOutboundContentRules, WhatsAppContentRules>();
        services.AddSingleton<OutboundPolicy>();
        services.AddSingleton<OutboundSender>();
        return services;
    }
}
