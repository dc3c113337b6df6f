using System.Security.Claims;
using Parley.Booking.Model;
using Parley.Core.Contacts;
using Parley.Core.Operators;

namespace Parley.Admin.Pages.Booking;

/// <summary>What the resort's admin pages show the same way: guests' numbers (masked unless the operator is an administrator) and state chips.</summary>
public static class ResortAdmin
{
    /// <summary>Administrators see guests' numbers; agents see them masked (<c>+*******1111</c>).</summary>
    public static bool SeesNumbers(ClaimsPrincipal user) => user.IsInRole(OperatorRoles.Admin);

    public static string Guest(string phone, ClaimsPrincipal user) => SeesNumbers(user) ? phone : PhoneMask.Mask(phone);

    /// <summary>The chip's tone for a booking state.</summary>
    public static string Tone(string state) => state switch
    {
        BookingState.Confirmed or BookingState.Completed => "ok",
        BookingState.Expired or BookingState.Cancelled => "bad",
        _ => "",
    };

    public static string Percent(double share) => (share * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
