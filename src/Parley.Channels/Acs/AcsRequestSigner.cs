using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Parley.Channels.Acs;

/// <summary>
/// ACS access-key authentication (HMAC-SHA256), as the official SDKs do it: <c>x-ms-date</c> (RFC 1123),
/// <c>x-ms-content-sha256</c> (base64 SHA-256 of the body) and
/// <c>Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature=…</c>, the signature being
/// base64 HMAC-SHA256, keyed with the base64-decoded access key, of <c>VERB\npath-and-query\ndate;host;content-hash</c>.
/// </summary>
public static class AcsRequestSigner
{
    public const string DateHeader = "x-ms-date";
    public const string ContentHashHeader = "x-ms-content-sha256";
    public const string SignedHeaders = "x-ms-date;host;x-ms-content-sha256";

    /// <summary>Base64 SHA-256 of no bytes: the content hash of a GET.</summary>
    public const string EmptyContentHash = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    public static string ContentHash(ReadOnlySpan<byte> body) => Convert.ToBase64String(SHA256.HashData(body));

    /// <summary>RFC 1123 in UTC, whole seconds: <c>Wed, 13 Apr 2022 18:09:12 GMT</c>.</summary>
    public static string FormatDate(DateTimeOffset time) => time.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <param name="host">The URI authority: host, plus the port when it is not the scheme's default.</param>
    public static string StringToSign(string method, string pathAndQuery, string date, string host, string contentHash) =>
        $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{date};{host};{contentHash}";

    /// <summary>Base64 HMAC-SHA256 of <paramref name="stringToSign"/> (UTF-8; the SDKs' ASCII is the same bytes for an escaped URI).</summary>
    public static string Signature(byte[] key, string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

    public static string Authorization(byte[] key, string method, Uri uri, string date, string contentHash) =>
        $"HMAC-SHA256 SignedHeaders={SignedHeaders}&Signature={Signature(key, StringToSign(method, uri.PathAndQuery, date, uri.Authority, contentHash))}";

    /// <summary>Sets the date, content hash and authorization headers of <paramref name="request"/> for <paramref name="body"/>.</summary>
    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, byte[] key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var date = FormatDate(now);
        var hash = body.IsEmpty ? EmptyContentHash : ContentHash(body);
        request.Headers.Remove(DateHeader);
        request.Headers.Remove(ContentHashHeader);
        request.Headers.TryAddWithoutValidation(DateHeader, date);
        request.Headers.TryAddWithoutValidation(ContentHashHeader, hash);
        request.Headers.Date = now;
        // Set verbatim: the value is not a token68 credential, and a parser must not touch it.
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", Authorization(key, request.Method.Method, uri, date, hash));
    }
}
