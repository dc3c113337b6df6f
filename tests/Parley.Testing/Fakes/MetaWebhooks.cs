using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Testing.Payloads;

namespace Parley.Testing.Fakes;

/// <summary>
/// Builds Meta webhook deliveries from the official samples and signs them like Meta does
/// (<c>X-Hub-Signature-256: sha256=</c> HMAC-SHA256 of the raw body with the app secret).
/// </summary>
public static class MetaWebhooks
{
    public const string SignatureHeader = "X-Hub-Signature-256";

    /// <summary>The header value Meta would send for <paramref name="body"/>.</summary>
    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static string Sign(string body, string secret) => Sign(Encoding.UTF8.GetBytes(body), secret);

    /// <summary>An official sample, e.g. <c>Sample("inbound-text.json")</c>.</summary>
    public static string Sample(string fileName) => Samples.Read($"Meta/{fileName}");

    /// <summary>inbound-text.json with another sender, text and message id, sent now unless a timestamp is given.</summary>
    /// <remarks>Replies are only allowed within 24 hours of the contact's last message, so the samples' 2025 times would block them.</remarks>
    public static string Text(string from, string text, string messageId, string name = "Sheena Nelson", long? timestamp = null)
    {
        var root = JsonNode.Parse(Sample("inbound-text.json"))!;
        var value = root["entry"]![0]!["changes"]![0]!["value"]!;
        value["contacts"]![0]!["wa_id"] = from;
        value["contacts"]![0]!["profile"]!["name"] = name;
        var message = value["messages"]![0]!;
        message["from"] = from;
        message["id"] = messageId;
        message["timestamp"] = (timestamp ?? Now()).ToString(CultureInfo.InvariantCulture);
        message["text"]!["body"] = text;
        return root.ToJsonString();
    }

    /// <summary>A sample with every message's timestamp set to now (see <see cref="Text"/> on the 24-hour window).</summary>
    public static string Fresh(string json)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var entry in root["entry"]!.AsArray())
        {
            foreach (var change in entry!["changes"]!.AsArray())
            {
                foreach (var message in change!["value"]?["messages"]?.AsArray() ?? [])
                {
                    message!["timestamp"] = Now().ToString(CultureInfo.InvariantCulture);
                }
            }
        }

        return root.ToJsonString();
    }

    private static long Now() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// A status webhook for <paramref name="wamid"/>, built from status-sent.json (Meta publishes no delivered or read
    /// example; their shape is the same with another <c>status</c>). Failed statuses carry Meta's error object.
    /// </summary>
    public static string Status(string wamid, string status, string recipient, long timestamp, int? errorCode = null, string? errorTitle = null, string? errorDetails = null)
    {
        var root = JsonNode.Parse(Sample("status-sent.json"))!;
        var s = root["entry"]![0]!["changes"]![0]!["value"]!["statuses"]![0]!.AsObject();
        s["id"] = wamid;
        s["status"] = status;
        s["recipient_id"] = recipient;
        s["timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture);
        if (status != "sent")
        {
            s.Remove("conversation");
        }

        if (errorCode is { } code)
        {
            s.Remove("pricing");
            s["errors"] = new JsonArray(new JsonObject
            {
                ["code"] = code,
                ["title"] = errorTitle ?? "Error",
                ["message"] = errorTitle ?? "Error",
                ["error_data"] = new JsonObject { ["details"] = errorDetails ?? errorTitle ?? "Error" },
            });
        }

        return root.ToJsonString();
    }

    /// <summary>A signed <c>POST /webhooks/meta/{accountId}</c>; a null secret sends no signature.</summary>
    public static HttpRequestMessage Request(string accountId, string body, string? secret = FakeMetaGraph.AppSecret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/meta/{accountId}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(bytes, secret));
        }

        return request;
    }

    /// <summary>Posts a signed webhook delivery, as Meta would.</summary>
    public static async Task<HttpResponseMessage> PostMetaWebhookAsync(this HttpClient client, string accountId, string body, string? secret = FakeMetaGraph.AppSecret)
    {
        using var request = Request(accountId, body, secret);
        return await client.SendAsync(request);
    }
}
