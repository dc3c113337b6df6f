using Parley.Booking.Model;

namespace Parley.Booking.Web;

/// <summary>How the web app names categories and states.</summary>
public static class Labels
{
    public static string Category(string category) => category.ToLowerInvariant() switch
    {
        "water" => "Water",
        "wellness" => "Wellness",
        "adventure" => "Adventure",
        "culture" => "Culture & tours",
        "food" => "Food & drink",
        "family" => "Family",
        _ => category.Length == 0 ? category : char.ToUpperInvariant(category[0]) + category[1..],
    };

    public static string State(string state) => state switch
    {
        BookingState.Pending => "Waiting for your confirmation",
        BookingState.Confirmed => "Confirmed",
        BookingState.Cancelled => "Cancelled",
        BookingState.Expired => "Expired (not confirmed in time)",
        BookingState.Completed => "Done",
        _ => state,
    };
}
