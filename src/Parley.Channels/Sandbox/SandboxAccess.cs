using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Storage;

namespace Parley.Channels.Sandbox;

/// <summary>
/// Who may use the sandbox. Nobody needs anything while it listens on loopback only and has no
/// <see cref="SandboxOptions.AccessToken"/>, unless a request arrives through a proxy (forwarded headers, or a client
/// address that is not loopback). Otherwise a request needs the token (header <see cref="TokenHeader"/>) or a pass: a
/// cookie given for entering the token once, or to a signed-in operator, protected with Data Protection and checked
/// again on each request (a token pass ends when the token changes, an operator pass with the operator's sessions).
/// </summary>
public sealed class SandboxAccess(
    IOptions<SandboxOptions> options,
    SandboxExposure exposure,
    IDataProtectionProvider protection,
    TimeProvider time,
    IEnumerable<ISandboxOperatorCheck> operators,
    ILogger<SandboxAccess> logger)
{
    public const string TokenHeader = "X-Sandbox-Token";
    public const string CookieName = "parley_sandbox";

    /// <summary>How long a pass lasts: a token pass a week, an operator pass as long as an admin sign-in.</summary>
    public static readonly TimeSpan TokenPassLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan OperatorPassLifetime = TimeSpan.FromHours(8);

    private readonly IDataProtector _passes = protection.CreateProtector("Parley.Sandbox.Pass.v1");
    private int _warnedProxied;

    /// <summary>Whether this request must show the token or a pass.</summary>
    public bool Required(HttpContext context) =>
        !string.IsNullOrEmpty(options.Value.AccessToken) || exposure.ReachableFromOutside || ArrivedFromOutside(context);

    public async ValueTask<bool> GrantedAsync(HttpContext context)
    {
        if (context.Request.Headers[TokenHeader].ToString() is { Length: > 0 } token)
        {
            return TokenMatches(token);
        }

        return context.Request.Cookies[CookieName] is { Length: > 0 } cookie && await PassHoldsAsync(cookie, context.RequestAborted);
    }

    /// <summary>Compared in constant time over hashes, so neither the length nor a prefix of the token leaks.</summary>
    public bool TokenMatches(string? presented) =>
        !string.IsNullOrEmpty(options.Value.AccessToken) && presented is not null
        && CryptographicOperations.FixedTimeEquals(Fingerprint(presented.Trim()), Fingerprint(options.Value.AccessToken.Trim()));

    public void GiveTokenPass(HttpContext context) =>
        SetCookie(context, $"t|{Expires(TokenPassLifetime)}|{Convert.ToHexStringLower(Fingerprint(options.Value.AccessToken!.Trim()))}", TokenPassLifetime);

    public void GiveOperatorPass(HttpContext context, long operatorId, string securityStamp) =>
        SetCookie(context, $"o|{Expires(OperatorPassLifetime)}|{operatorId.ToString(CultureInfo.InvariantCulture)}|{securityStamp}", OperatorPassLifetime);

    public static void TakePass(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });

    /// <summary>
    /// A sandbox listening on loopback only is open to everyone behind a proxy on this machine unless it asks for
    /// access: said once, the first time a refused request shows it.
    /// </summary>
    public void WarnOnceIfProxied(HttpContext context)
    {
        if (exposure.ReachableFromOutside || !ArrivedFromOutside(context) || Interlocked.Exchange(ref _warnedProxied, 1) == 1)
        {
            return;
        }

        logger.LogWarning(
            "A sandbox request came through a proxy or from another machine ({RemoteAddress}) while Parley listens on loopback only: it needs Parley:Sandbox:AccessToken or an operator sign-in. Set Parley:Sandbox:Enabled=false to turn the sandbox off",
            context.Connection.RemoteIpAddress);
    }

    /// <summary>
    /// A request that came through a proxy or from another machine: a proxy on this machine makes every client look
    /// like loopback, so forwarded headers count as outside too.
    /// </summary>
    public static bool ArrivedFromOutside(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Original-For"))
        {
            return true;
        }

        // No address: an in-process server (tests); otherwise it must be loopback.
        return context.Connection.RemoteIpAddress is { } ip && !IPAddress.IsLoopback(ip);
    }

    private async ValueTask<bool> PassHoldsAsync(string cookie, CancellationToken ct)
    {
        string pass;
        try
        {
            pass = _passes.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var parts = pass.Split('|');
        if (parts.Length < 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || expires <= time.NowMs())
        {
            return false;
        }

        switch (parts[0])
        {
            case "t" when parts.Length == 3:
                return !string.IsNullOrEmpty(options.Value.AccessToken)
                    && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[2]), Encoding.ASCII.GetBytes(Convert.ToHexStringLower(Fingerprint(options.Value.AccessToken.Trim()))));
            case "o" when parts.Length == 4 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                foreach (var check in operators)
                {
                    if (await check.IsSignedInAsync(id, parts[3], ct))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private string Expires(TimeSpan lifetime) => (time.NowMs() + (long)lifetime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private void SetCookie(HttpContext context, string pass, TimeSpan lifetime) =>
        context.Response.Cookies.Append(CookieName, _passes.Protect(pass), new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = lifetime,
            IsEssential = true,
        });

    private static byte[] Fingerprint(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
