using System.Globalization;
using System.Text.Json;

namespace Parley.Channels.Twilio;

/// <summary>Twilio's REST error body: <c>{"code", "message", "more_info", "status"}</c>.</summary>
public sealed record TwilioApiError(int? Code, string? Message, string? MoreInfo, int? Status)
{
    /// <summary>Reads the error body; null when it is not Twilio's JSON (a proxy's HTML page, an empty body).</summary>
    public static TwilioApiError? TryParse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new TwilioApiError(Int(root, "code"), Str(root, "message"), Str(root, "more_info"), Int(root, "status"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out var p) switch
    {
        true when p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) => n,
        true when p.ValueKind == JsonValueKind.String && int.TryParse(p.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}
