using System.Security.Cryptography;
using System.Text;

namespace Parley.Channels.Twilio;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> the way Twilio's SDKs do: Base64(HMAC-SHA1(auth token, URL + the POST fields
/// sorted by name, each as name+value)). The URL is used exactly as given (no case or escaping normalization);
/// like the SDKs, the variant with the default port added or removed is also accepted, because Twilio's own
/// signing is inconsistent about it. Comparison is constant-time.
/// </summary>
public static class TwilioRequestValidator
{
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>The signature Twilio sends for a form POST to <paramref name="url"/>.</summary>
    /// <remarks>
    /// Fields are ordered by name (ordinal); a name sent several times contributes each distinct value, in ordinal
    /// order (twilio-python's rule; the C# SDK does not handle repeated names).
    /// </remarks>
    public static string ComputeSignature(string url, IEnumerable<KeyValuePair<string, string>> fields, string authToken)
    {
        var data = new StringBuilder(url);
        foreach (var group in fields.GroupBy(f => f.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in group.Select(f => f.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                data.Append(group.Key).Append(value);
            }
        }

        return Sign(data.ToString(), authToken);
    }

    /// <summary>True when <paramref name="signature"/> matches the URL (or its port variant) and the fields.</summary>
    public static bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> fields, string? signature, string authToken)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        var list = fields as IReadOnlyCollection<KeyValuePair<string, string>> ?? [.. fields];
        var valid = false;
        foreach (var candidate in UrlVariants(url))
        {
            // No early exit: both variants are always computed.
            valid |= FixedTimeEquals(ComputeSignature(candidate, list, authToken), signature);
        }

        return valid;
    }

    /// <summary>
    /// The <c>application/json</c> webhook variant: the signature covers the URL only (it carries a
    /// <c>bodySHA256</c> query parameter), and the hex SHA-256 of the raw body must equal that parameter.
    /// </summary>
    public static bool IsValidJsonBody(string url, ReadOnlySpan<byte> body, string? signature, string authToken)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken) || QueryValue(url, "bodySHA256") is not { } expectedHash)
        {
            return false;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(body));
        var bodyOk = FixedTimeEquals(hash, expectedHash);
        var signatureOk = false;
        foreach (var candidate in UrlVariants(url))
        {
            signatureOk |= FixedTimeEquals(Sign(candidate, authToken), signature);
        }

        return bodyOk && signatureOk;
    }

    /// <summary>The URL as given, and with its port toggled: removed when present, the scheme's default added when absent.</summary>
    public static IReadOnlyList<string> UrlVariants(string url)
    {
        if (!TrySplitAuthority(url, out var prefix, out var userInfo, out var host, out var port, out var rest))
        {
            return [url];
        }

        string variant;
        if (port is not null)
        {
            variant = prefix + userInfo + host + rest;
        }
        else
        {
            var scheme = prefix[..prefix.IndexOf(':', StringComparison.Ordinal)];
            var defaultPort = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? "443" : "80";
            variant = prefix + userInfo + host + ":" + defaultPort + rest;
        }

        return variant == url ? [url] : [url, variant];
    }

    private static bool TrySplitAuthority(string url, out string prefix, out string userInfo, out string host, out string? port, out string rest)
    {
        prefix = userInfo = host = rest = "";
        port = null;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return false;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        prefix = url[..authorityStart];
        rest = url[authorityEnd..];
        var authority = url[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        userInfo = at >= 0 ? authority[..(at + 1)] : "";
        var hostPort = authority[(at + 1)..];
        // The port follows the last ':' unless that ':' is inside an IPv6 literal ("[::1]").
        var colon = hostPort.LastIndexOf(':');
        if (colon >= 0 && colon > hostPort.LastIndexOf(']') && hostPort[(colon + 1)..].All(char.IsAsciiDigit))
        {
            host = hostPort[..colon];
            port = hostPort[(colon + 1)..];
            return true;
        }

        host = hostPort;
        return host.Length > 0;
    }

    private static string? QueryValue(string url, string name)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return null;
        }

        var end = url.IndexOf('#', q);
        var query = end < 0 ? url[(q + 1)..] : url[(q + 1)..end];
        foreach (var pair in query.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == name)
            {
                return Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }

        return null;
    }

    private static string Sign(string data, string authToken) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data)));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
