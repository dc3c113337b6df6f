using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Parley.Core.Maintenance;

public static class RetentionExtensions
{
    /// <summary>Retention: its options, the cleaner (also used by <c>cleanup</c>), and the job that runs it under a lease.</summary>
    public static IServiceCollection AddParleyRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<RetentionBatches>();
        services.TryAddSingleton<RetentionCleaner>();
        services.TryAddSingleton<JobLease>();
        services.TryAddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        return services;
    }
}
