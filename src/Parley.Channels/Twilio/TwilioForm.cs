using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Parley.Channels.Twilio;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> body as Twilio sent it: every field, in order, duplicates and
/// empty values included. Parsed from the raw bytes (not ASP.NET's form reader) so the signature is computed
/// over exactly what arrived and fields Twilio adds without notice are kept.
/// </summary>
public sealed class TwilioForm
{
    private readonly List<KeyValuePair<string, string>> _fields;

    public TwilioForm(IEnumerable<KeyValuePair<string, string>> fields) => _fields = [.. fields];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>The first value of <paramref name="key"/> (exact, case-sensitive like Twilio's names), or null.</summary>
    public string? this[string key]
    {
        get
        {
            foreach (var (k, v) in _fields)
            {
                if (string.Equals(k, key, StringComparison.Ordinal))
                {
                    return v;
                }
            }

            return null;
        }
    }

    /// <summary>The value of <paramref name="key"/>, or null when it is missing or empty.</summary>
    public string? Value(string key) => this[key] is { Length: > 0 } v ? v : null;

    public bool Has(string key) => this[key] is not null;

    public static TwilioForm Parse(ReadOnlySpan<byte> body) => Parse(Encoding.UTF8.GetString(body));

    public static TwilioForm Parse(string body)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var pair in body.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : pair[(eq + 1)..];
            fields.Add(new(Decode(key), Decode(value)));
        }

        return new TwilioForm(fields);
    }

    /// <summary>Form decoding: '+' is a space, then %XX sequences as UTF-8.</summary>
    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    /// <summary>The fields as a JSON object; a repeated field becomes an array of its values.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var group in _fields.GroupBy(f => f.Key, StringComparer.Ordinal))
            {
                var values = group.Select(f => f.Value).ToList();
                if (values.Count == 1)
                {
                    json.WriteString(group.Key, values[0]);
                }
                else
                {
                    json.WriteStartArray(group.Key);
                    values.ForEach(json.WriteStringValue);
                    json.WriteEndArray();
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
