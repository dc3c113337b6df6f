using Microsoft.AspNetCore.Authentication.Cookies;

namespace Parley.Hosting;

/// <summary>
/// Marks a cookie <c>Secure</c> on every answer except plain HTTP on this machine (<see cref="RequestLocality"/>): behind a
/// TLS proxy that Parley was not told about, the request looks like HTTP, yet the cookie must never travel unencrypted.
/// Over plain HTTP from elsewhere the browser refuses to keep it, which is the point: a warning says why.
/// </summary>
public sealed class SecureOutsideLoopbackCookieManager(ICookieManager inner) : ICookieManager
{
    private int _warned;

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, key);

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        inner.AppendResponseCookie(context, key, value, Secure(context, options));
        if (!context.Request.IsHttps && options.Secure && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            context.RequestServices.GetRequiredService<ILogger<SecureOutsideLoopbackCookieManager>>().LogWarning(
                "The admin sign-in was answered over plain HTTP for {Host}: its cookie is Secure, so the browser keeps it only over HTTPS. "
                + "Serve Parley through TLS, and if a proxy terminates TLS, list it in Parley:ForwardedHeaders:KnownProxies (see docs/deploy/README.md)",
                context.Request.Host.Host);
        }
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) => inner.DeleteCookie(context, key, Secure(context, options));

    private static CookieOptions Secure(HttpContext context, CookieOptions options)
    {
        if (!RequestLocality.IsLocalPlainHttp(context))
        {
            options.Secure = true;
        }

        return options;
    }
}
