using Microsoft.Extensions.Options;
using Parley.Core.Hosting;

namespace Parley.Booking;

/// <summary>Links into the guest web app: <c>Parley:Booking:WebAppUrl</c>, else <c>/book</c> on <c>Parley:PublicBaseUrl</c>.</summary>
public sealed class BookingLinks(IOptions<BookingOptions> options, IOptions<ParleyOptions> parley)
{
    /// <summary>The web app's root, without a trailing slash (relative <c>/book</c> when no public URL is known).</summary>
    public string Root
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.WebAppUrl))
            {
                return options.Value.WebAppUrl.TrimEnd('/');
            }

            var baseUrl = parley.Value.PublicBaseUrl;
            return string.IsNullOrWhiteSpace(baseUrl) ? "http://localhost:5000/book" : baseUrl.TrimEnd('/') + "/book";
        }
    }

    public string Booking(string reference) => $"{Root}/bookings/{Uri.EscapeDataString(reference)}";

    public string Activity(long id) => $"{Root}/activities/{id}";

    /// <summary>The public address of an activity image (what WhatsApp fetches for a real provider).</summary>
    public string Image(string mediaId) => $"{Root}/images/{mediaId}";
}
