using Microsoft.Extensions.DependencyInjection;

namespace Parley.Booking.Admin;

/// <summary>The services behind the booking module's admin pages (operators' edits, the slot generator, bulk actions).</summary>
public static class BookingAdminServices
{
    public static IServiceCollection AddBookingAdminServices(this IServiceCollection services)
    {
        services.AddSingleton<ActivityEditor>();
        services.AddSingleton<SlotGenerator>();
        services.AddSingleton<BookingBulkActions>();
        return services;
    }
}
