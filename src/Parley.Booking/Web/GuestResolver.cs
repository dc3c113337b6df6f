using Parley.Booking.Store;
using Parley.Identity;

namespace Parley.Booking.Web;

/// <summary>
/// Who may sign in to the guest web app (realm <c>resort-guest</c>): a number that has talked to the resort bot or has a
/// booking. Identity proves control of the number; this decides it is a guest.
/// </summary>
public sealed class GuestResolver(PreferenceStore preferences, BookingQueries bookings) : IIdentityResolver
{
    public const string RealmName = "resort-guest";

    public string Realm => RealmName;

    public async Task<IdentitySubject?> ResolveAsync(string phone, CancellationToken ct)
    {
        var profile = await preferences.ProfileAsync(phone, ct);
        if (profile.Language is not null || profile.Name is not null || profile.Preferences.Count > 0
            || (await bookings.ForGuestAsync(phone, ct)).Count > 0)
        {
            return new IdentitySubject(RealmName, phone, profile.Name ?? phone, "guest");
        }

        return null;
    }
}
