using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Bots.Engine.Answers;
using Parley.Bots.Engine.DataSources;
using Parley.Bots.Engine.Definitions;
using Parley.Bots.Engine.Fallback;
using Parley.Bots.Engine.Import;
using Parley.Bots.Engine.Interactions;
using Parley.Bots.Engine.Stages;
using Parley.Bots.Engine.Templates;
using Parley.Core.Bots;
using Parley.Core.Maintenance;
using Parley.Core.Modules;
using Parley.Core.Redis;
using Parley.Core.Startup;

namespace Parley.Bots.Engine;

public static class EngineExtensions
{
    /// <summary>
    /// The bot engine: its stages (in the order they run), definitions, data sources, templates, fallback and
    /// interaction log. Other parts replace <see cref="IDataSourceCache"/> by registering their own, and answer what
    /// nothing understood by registering an <see cref="IBotFallback"/>. The rules every bot runs under (blocked,
    /// allow-list, opt-out, takeover, rate limit, sanitizer, session timeout) are Core's and run before any bot.
    /// </summary>
    public static IServiceCollection AddBotEngine(this IServiceCollection services)
    {
        services.AddModuleSchema(ModuleSchema.Of<EngineBot>("bots"));
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<DefinitionCache>();
        services.AddSingleton<IntentStore>();
        services.AddSingleton<TemplateStore>();
        services.AddSingleton<DataSourceStore>();
        services.AddSingleton<DataSourceRunner>();
        services.AddSingleton<ParleyTables>();
        // In-process, or in Redis when Parley:Redis:Configuration is set (falling back to in-process while it is down).
        services.TryAddSingleton<MemoryDataSourceCache>();
        services.TryAddSingleton<IDataSourceCache>(sp => sp.GetService<RedisConnection>()?.Enabled == true
            ? ActivatorUtilities.CreateInstance<RedisDataSourceCache>(sp)
            : sp.GetRequiredService<MemoryDataSourceCache>());
        services.AddSingleton<FallbackResponder>();
        services.AddSingleton<AnswerService>();
        services.AddSingleton<InteractionLog>();
        services.AddOptions<InteractionRetentionOptions>().BindConfiguration(InteractionRetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IRetentionTask, InteractionRetention>();
        services.AddSingleton<InteractionQueries>();
        services.AddSingleton<Parley.Core.Interactions.IInteractionLogReader, InteractionLogReader>();
        services.AddSingleton<Parley.Core.Contacts.IContactMergeFollower, InteractionContactMerges>();
        services.AddSingleton<Parley.Core.Statistics.IIntentStatistics, InteractionIntentStatistics>();
        services.AddSingleton<BotDefinitionImporter>();

        // The path of a message inside the engine, in order (Core's rules ran before).
        services.AddSingleton<IBotStage, SessionStage>();
        services.AddSingleton<IBotStage, TakeoverStage>();
        services.AddSingleton<IBotStage, RoutingStage>();
        services.AddSingleton<BotEngine>();

        services.AddSingleton<IStartupTask, EngineStartup>();
        return services;
    }

    /// <summary>Registers a bot (engine-based or not) so accounts can name it.</summary>
    public static IServiceCollection AddBot<TBot>(this IServiceCollection services) where TBot : class, IBot
    {
        services.AddSingleton<TBot>();
        services.AddSingleton<IBot>(sp => sp.GetRequiredService<TBot>());
        return services;
    }
}
