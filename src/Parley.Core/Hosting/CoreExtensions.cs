using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Bots.Rules;
using Parley.Core.Conversations;
using Parley.Core.Inbound;
using Parley.Core.Maintenance;
using Parley.Core.Media;
using Parley.Core.Messaging;
using Parley.Core.Modules;
using Parley.Core.Observability;
using Parley.Core.Outbound;
using Parley.Core.Redis;
using Parley.Core.Startup;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Core.Hosting;

public static class CoreExtensions
{
    /// <summary>The messaging core: storage, accounts, the inbound and outbound queues and their workers.</summary>
    public static IHostApplicationBuilder AddParleyCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // A relative data directory starts at the content root, not the working directory: the server and every command agree.
        services.AddOptions<ParleyOptions>().BindConfiguration(ParleyOptions.SectionName)
            .PostConfigure<IHostEnvironment>((o, env) => o.DataDirectory = o.DataPath(env.ContentRootPath)).ValidateOnStart();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.SectionName);
        services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboundThrottle>();
        services.AddOptions<TransientRetryOptions>().BindConfiguration(TransientRetryOptions.SectionName);
        services.AddSingleton<TransientRetryJob>();
        services.AddHostedService(sp => sp.GetRequiredService<TransientRetryJob>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => CreateDatabase(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<ParleyOptions>>().Value, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));

        services.AddModuleSchema(ModuleSchema.Core);
        services.AddSingleton<Migrator>();
        services.AddSingleton<StartupGate>();
        services.AddHostedService<StartupRunner>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<AccountRegistry>();
        services.AddSingleton<IAccountSource, ConfiguredAccounts>();
        services.AddSingleton<AccountSeeder>();
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<AccountSeeder>());
        services.AddSingleton<WorkSignals>();
        services.AddSingleton<InstanceIdentity>();
        services.AddSingleton<IntakeStore>();
        services.AddSingleton<OutboundQueue>();
        services.AddSingleton<MessageQueries>();
        services.AddSingleton<MessageTranscripts>();
        services.AddSingleton<MessageRetry>();
        services.AddSingleton<ChannelCatalog>();
        services.AddSingleton<BotCatalog>();
        services.AddBotRules();
        services.AddSingleton<InboundProcessor>();
        services.AddSingleton<IMediaStore, FileMediaStore>();
        services.AddSingleton<InboundMediaFetcher>();
        services.AddMetrics();
        services.AddSingleton<QueueDepthProbe>();
        services.AddSingleton<ParleyMetrics>();
        services.AddSingleton<LogThrottle>();
        services.AddParleyRedis();
        services.AddSingleton<ConversationTakeover>();

        services.AddSingleton<InboundWorker>();
        services.AddSingleton<OutboundWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<OutboundWorker>());

        services.AddParleyOperations();
        // Retention (the job under a lease, and the cleaner that `cleanup` runs); the job waits before its first run.
        services.AddParleyRetention();
        return builder;
    }

    public static Database CreateDatabase(IConfiguration configuration, ParleyOptions parley, DatabaseOptions options)
    {
        var connectionString = configuration.GetConnectionString("Parley");
        if (options.Provider.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Parley:Database:Provider is 'postgres' but ConnectionStrings:Parley is empty; set it to an Npgsql connection string.");
            }

            return new Database(DatabaseKind.Postgres, connectionString, options.GroupWrites);
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dir = parley.DataPath();
            PrivateFiles.EnsureDirectory(dir);
            connectionString = $"Data Source={Path.Combine(dir, "parley.db")}";
        }

        return new Database(DatabaseKind.Sqlite, connectionString, options.GroupWrites);
    }
}
