using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Parley.Booking.Store;
using Parley.Booking.Web.Components;
using Parley.Core.Media;
using Parley.Identity;
using Parley.Identity.Web;

namespace Parley.Booking.Web;

/// <summary>
/// The guest web app under <c>/book</c>, its own branch of the pipeline (like the admin): Blazor static server rendering
/// with plain forms (no script needed), the guest signed in by Identity's <c>ParleyIdentity</c> session; the activities'
/// images, public; the stylesheet; log out.
/// </summary>
public static class BookingWeb
{
    public const string PathPrefix = "/book";

    public static WebApplication MapBookingWeb(this WebApplication app)
    {
        app.Map(new PathString(PathPrefix), (IApplicationBuilder book) =>
        {
            book.UseRouting();
            book.UseAuthentication();
            // The guest's session is the identity here, whatever the rest of the server uses by default.
            book.Use(async (context, next) =>
            {
                var result = await context.AuthenticateAsync(IdentityAuthentication.Scheme);
                if (result.Succeeded)
                {
                    context.User = result.Principal;
                }

                await next(context);
            });
            book.UseAuthorization();
            book.UseAntiforgery();
            book.UseEndpoints(endpoints =>
            {
                // The web app's own routes: pages and their files, not part of the API's document.
                endpoints.MapGet("/book.css", () => Results.Stream(Css(), "text/css; charset=utf-8")).ExcludeFromDescription();
                endpoints.MapGet("/images/{mediaId}", ImageAsync).ExcludeFromDescription();
                endpoints.MapPost("/logout", LogoutAsync).ExcludeFromDescription();
                endpoints.MapRazorComponents<BookApp>();
            });
        });
        return app;
    }

    /// <summary>Only the activities' images are served here (publicly: WhatsApp fetches them for the activity card).</summary>
    private static async Task<IResult> ImageAsync(string mediaId, ActivityCatalog activities, IMediaStore media, HttpContext context, CancellationToken ct)
    {
        if (mediaId.Length != 64 || !mediaId.All(Uri.IsHexDigit) || await activities.ImageByMediaAsync(mediaId, ct) is null
            || await media.OpenAsync(mediaId, ct) is not { } found)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Stream(found.Content, found.Media.MimeType ?? "application/octet-stream");
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, IWebSessions sessions, CancellationToken ct)
    {
        if (IdentityAuthenticationHandler.ReadToken(context.Request) is { } token)
        {
            await sessions.RevokeAsync(token, ct);
        }

        SessionCookie.Delete(context);
        return Results.LocalRedirect(PathPrefix);
    }

    private static Stream Css() =>
        typeof(BookingWeb).Assembly.GetManifestResourceStream("Parley.Booking.Web.book.css") ?? Stream.Null;
}
