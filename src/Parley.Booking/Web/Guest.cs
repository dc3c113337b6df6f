using Microsoft.AspNetCore.Http;
using Parley.Identity;

namespace Parley.Booking.Web;

/// <summary>The signed-in guest of a request (the <c>ParleyIdentity</c> session's phone), or null.</summary>
public static class Guest
{
    public static string? Phone(HttpContext? context) =>
        context?.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(IdentityClaims.Phone)?.Value : null;

    /// <summary>Only paths inside the web app: never an open redirect.</summary>
    public static string SafeReturn(string? url)
    {
        var path = (url ?? "").Trim();
        return path.StartsWith("/book", StringComparison.Ordinal) && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal)
            ? path
            : "/book";
    }
}
