using Microsoft.Extensions.DependencyInjection;

namespace Parley.Core.Maintenance;

public static class RetentionExtensions
{
    /// <summary>The retention job and the job lease it runs under.</summary>
    public static IServiceCollection AddParleyRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobLease>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        return services;
    }
}
