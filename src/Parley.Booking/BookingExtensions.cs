using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Booking.Admin;
using Parley.Booking.Chat;
using Parley.Booking.Demo;
using Parley.Booking.Import;
using Parley.Booking.Jobs;
using Parley.Booking.Notifications;
using Parley.Booking.Recommendations;
using Parley.Booking.Store;
using Parley.Core.Bots;
using Parley.Booking.Web;
using Parley.Core.Startup;
using Parley.Identity;
using Parley.Core.Modules;

namespace Parley.Booking;

/// <summary>The resort booking module: its schema, stores, state machine, bot, jobs and demo resort.</summary>
public static class BookingExtensions
{
    public static IHostApplicationBuilder AddBooking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddBookingServices();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BookingJobs>());
        builder.Services.AddRazorComponents();
        builder.Services.AddSingleton<GuestResolver>();
        builder.Services.AddSingleton<IIdentityResolver>(sp => sp.GetRequiredService<GuestResolver>());
        return builder;
    }

    /// <summary>The guest web app at <c>/book</c>.</summary>
    public static WebApplication MapBooking(this WebApplication app) => app.MapBookingWeb();

    /// <summary>The module's services without the host's parts (for tests and the CLI).</summary>
    public static IServiceCollection AddBookingServices(this IServiceCollection services)
    {
        services.AddOptions<BookingOptions>().BindConfiguration(BookingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddModuleSchema(ModuleSchema.Of<BookingLedger>("booking"));
        services.AddSingleton<BookingLedger>();
        services.AddSingleton<ActivityCatalog>();
        services.AddSingleton<Parley.Core.Media.IMediaReferences, ActivityImageReferences>();
        services.AddSingleton<SlotSchedule>();
        services.AddSingleton<BookingQueries>();
        services.AddBookingAdminServices();
        services.AddSingleton<PreferenceStore>();
        services.AddSingleton<BookingLinks>();
        services.AddSingleton<BookingFormat>();
        services.AddSingleton<Recommender>();
        services.AddSingleton<ResortImporter>();
        services.AddSingleton<BookingNotifier>();
        services.AddSingleton<ResortBot>();
        services.AddSingleton<IBot>(sp => sp.GetRequiredService<ResortBot>());
        services.AddSingleton<IStartupTask, DemoResort>();
        services.AddSingleton<BookingJobs>();
        return services;
    }
}
