using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Booking.Store;
using Parley.Core.Modules;

namespace Parley.Booking;

/// <summary>The resort booking module: its schema, stores, state machine, bot, jobs and demo resort.</summary>
public static class BookingExtensions
{
    public static IHostApplicationBuilder AddBooking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddBookingServices();
        return builder;
    }

    /// <summary>The module's services without the host's parts (for tests and the CLI).</summary>
    public static IServiceCollection AddBookingServices(this IServiceCollection services)
    {
        services.AddOptions<BookingOptions>().BindConfiguration(BookingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddModuleSchema(ModuleSchema.Of<BookingLedger>("booking"));
        services.AddSingleton<BookingLedger>();
        services.AddSingleton<ActivityCatalog>();
        services.AddSingleton<SlotSchedule>();
        services.AddSingleton<BookingQueries>();
        services.AddSingleton<PreferenceStore>();
        return services;
    }
}
