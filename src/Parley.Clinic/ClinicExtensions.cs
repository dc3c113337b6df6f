using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Parley.Clinic.Access;
using Parley.Clinic.Analytics;
using Parley.Clinic.Appointments;
using Parley.Clinic.Conversation;
using Parley.Clinic.Demo;
using Parley.Clinic.Import;
using Parley.Clinic.Notifications;
using Parley.Clinic.Patients;
using Parley.Clinic.SignIn;
using Parley.Core.Bots;
using Parley.Core.Modules;
using Parley.Core.Startup;
using Parley.Core.Webhooks;
using Parley.Core.Work;
using Parley.Identity;

namespace Parley.Clinic;

public static class ClinicExtensions
{
    /// <summary>
    /// The CARE clinic: its schema, stores, access policy and audit, the <c>clinic</c> bot (served in the sandbox by the
    /// account of the same name), the sign-in resolver for realm <c>clinic</c>, the reminders job and the demo data.
    /// Needs Identity (<c>AddParleyIdentity</c>).
    /// </summary>
    public static IServiceCollection AddParleyClinic(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleSchema(ModuleSchema.Of<ClinicOptions>("clinic"));
        services.AddOptions<ClinicOptions>().Bind(configuration.GetSection(ClinicOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InstanceIdentity>();

        services.AddSingleton<ClinicDirectory>();
        services.AddSingleton<ClinicalRecords>();
        services.AddSingleton<AppointmentStore>();
        services.AddSingleton<SchedulingRules>();
        services.AddSingleton<AppointmentBooking>();
        services.AddSingleton<AccessAudit>();
        services.AddSingleton<GuardedClinic>();
        services.AddSingleton<ClinicUsage>();
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<NotificationSender>();
        services.AddSingleton<ReminderRun>();
        services.AddSingleton<ClinicImporter>();

        services.AddSingleton<IIdentityResolver, ClinicIdentityResolver>();
        services.AddSingleton<ClinicSignedIn>();
        services.AddSingleton<ClinicCommands>();
        services.AddSingleton<ScheduleFlow>();
        services.AddSingleton<ClinicBot>();
        services.AddSingleton<IBot>(sp => sp.GetRequiredService<ClinicBot>());

        services.AddSingleton<IStartupTask, ClinicDemoData>();
        services.AddSingleton<IStartupTask, ClinicTemplates>();
        services.AddSingleton<Parley.Core.Maintenance.IRetentionTask, Maintenance.ClinicRetention>();
        services.AddSingleton<IWebhookRedaction, ClinicWebhookRedaction>();
        services.AddHostedService<ClinicReminderJob>();
        return services;
    }

    /// <summary>The clinic for the server (<c>builder.AddClinic()</c>).</summary>
    public static IHostApplicationBuilder AddClinic(this IHostApplicationBuilder builder)
    {
        builder.Services.AddParleyClinic(builder.Configuration);
        return builder;
    }
}
