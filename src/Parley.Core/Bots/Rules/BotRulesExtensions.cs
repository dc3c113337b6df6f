using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Core.Bots.Rules.RateLimiting;
using Parley.Core.Redis;
using Parley.Core.Startup;

namespace Parley.Core.Bots.Rules;

public static class BotRulesExtensions
{
    /// <summary>
    /// The rules every bot runs under, in the order they run, and the per-contact rate limiter (in-process, or in Redis
    /// when <c>Parley:Redis:Configuration</c> is set). Another part replaces <see cref="IContactRateLimiter"/> by
    /// registering its own first.
    /// </summary>
    public static IServiceCollection AddBotRules(this IServiceCollection services)
    {
        services.AddOptions<BotRulesOptions>().BindConfiguration(BotRulesOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotRulesOptions>, BotRulesOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InMemoryContactRateLimiter>();
        services.TryAddSingleton<IContactRateLimiter>(sp => sp.GetService<RedisConnection>()?.Enabled == true
            ? ActivatorUtilities.CreateInstance<RedisContactRateLimiter>(sp)
            : sp.GetRequiredService<InMemoryContactRateLimiter>());

        // The path of every message to its bot, in order. Opt-out comes before takeover: it is the contact's right.
        services.AddSingleton<IBotRule, BlockedContactRule>();
        services.AddSingleton<IBotRule, AllowListRule>();
        services.AddSingleton<IBotRule, OptOutRule>();
        services.AddSingleton<IBotRule, TakeoverRule>();
        services.AddSingleton<IBotRule, ContactRateLimitRule>();
        services.AddSingleton<IBotRule, SanitizeRule>();
        services.AddSingleton<IBotRule, SessionTimeoutRule>();
        services.AddSingleton<BotRules>();
        services.AddSingleton<IStartupTask, BotRulesStartup>();
        return services;
    }
}
