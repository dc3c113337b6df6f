using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Parley.Core.Redis;

public static class RedisExtensions
{
    /// <summary>The optional Redis connection (always registered; without configuration it reports not-ok and callers stay in-process).</summary>
    public static IServiceCollection AddParleyRedis(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<RedisConnection>();
        return services;
    }
}
