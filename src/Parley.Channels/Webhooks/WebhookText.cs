using System.Globalization;
using System.Text;

namespace Parley.Channels.Webhooks;

/// <summary>
/// Lenient text of a verified webhook: whatever bytes a provider (or a proxy on the way) sent, what Parley parses and
/// stores as text is well-formed. Invalid UTF-8 becomes U+FFFD, as do NUL characters (PostgreSQL text cannot hold
/// them) and, in JSON, escaped lone surrogates and escaped NULs. The exact bytes are kept beside the text when it
/// differs from them (<see cref="IsExact"/>), so nothing that was verified is lost.
/// </summary>
public static class WebhookText
{
    private const char Replacement = '\uFFFD';

    /// <summary>The body as UTF-8, invalid sequences and NULs replaced.</summary>
    public static string Decode(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Contains('\0', StringComparison.Ordinal) ? text.Replace('\0', Replacement) : text;
    }

    /// <summary>True when <paramref name="text"/> is exactly what <paramref name="body"/> holds.</summary>
    public static bool IsExact(ReadOnlySpan<byte> body, string text)
    {
        if (Encoding.UTF8.GetByteCount(text) != body.Length)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return body.SequenceEqual(bytes);
    }

    /// <summary>A decoded value (a form field, a header) with lone surrogates, noncharacters U+FFFE/U+FFFF and NULs replaced.</summary>
    public static string Clean(string value)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            var bad = !pair && (char.IsSurrogate(c) || c is '\0' or '\uFFFE' or '\uFFFF');
            if (bad && clean is null)
            {
                clean = new StringBuilder(value.Length).Append(value, 0, i);
            }

            clean?.Append(bad ? Replacement : c);
            if (pair)
            {
                clean?.Append(value[i + 1]);
                i++;
            }
        }

        return clean?.ToString() ?? value;
    }

    /// <summary>
    /// JSON text whose <c>\uXXXX</c> escapes all decode to characters a .NET string (and a database) can hold: a
    /// surrogate escape without its pair, and <c>\u0000</c>, become <c>\uFFFD</c>. Anything else is left as it is
    /// (invalid JSON stays invalid, and is kept as an unparsed delivery).
    /// </summary>
    public static string CleanJson(string json)
    {
        if (!json.Contains("\\u", StringComparison.Ordinal))
        {
            return json;
        }

        var result = new StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (!inString)
            {
                inString = c == '"';
                result.Append(c);
                continue;
            }

            if (c == '"')
            {
                inString = false;
                result.Append(c);
                continue;
            }

            if (c != '\\' || i + 1 >= json.Length)
            {
                result.Append(c);
                continue;
            }

            if (json[i + 1] != 'u' || Escape(json, i) is not { } code)
            {
                // Another escape (\" \\ \n ...): copied whole, so an escaped quote does not end the string.
                result.Append(c).Append(json[i + 1]);
                i++;
                continue;
            }

            if (char.IsHighSurrogate(code) && Escape(json, i + 6) is { } low && char.IsLowSurrogate(low))
            {
                result.Append(json, i, 12);
                i += 11;
            }
            else if (char.IsSurrogate(code) || code == '\0')
            {
                result.Append("\\ufffd");
                i += 5;
            }
            else
            {
                result.Append(json, i, 6);
                i += 5;
            }
        }

        return result.ToString();
    }

    /// <summary>The character of the <c>\uXXXX</c> escape starting at <paramref name="at"/>, or null when there is none.</summary>
    private static char? Escape(string json, int at) =>
        at + 6 <= json.Length && json[at] == '\\' && json[at + 1] == 'u'
        && ushort.TryParse(json.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            ? (char)code
            : null;
}
