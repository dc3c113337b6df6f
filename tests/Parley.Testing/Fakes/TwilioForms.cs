namespace Parley.Testing.Fakes;

/// <summary>
/// Webhook forms as Twilio posts them for WhatsApp. Synthetic: Twilio publishes no complete WhatsApp form, so
/// these are assembled from the parameter tables of its webhook-request and message-resource docs
/// (shared/wire/twilio.md §1–2), with the fields Twilio is documented to include.
/// </summary>
public static class TwilioForms
{
    public const string AccountSid = FakeTwilio.DefaultAccountSid;
    public const string BusinessNumber = "whatsapp:+14155238886";

    /// <summary>A message SID like Twilio's: "SM" and 32 hex digits.</summary>
    public static string NewMessageSid() => "SM" + Guid.NewGuid().ToString("N");

    /// <summary>The fields every incoming WhatsApp message carries (T4 "webhook-request").</summary>
    public static List<KeyValuePair<string, string>> Incoming(string sid, string fromE164, string? profileName = "Ana", string numMedia = "0") =>
    [
        new("SmsMessageSid", sid),
        new("NumMedia", numMedia),
        new("ProfileName", profileName ?? ""),
        new("SmsSid", sid),
        new("WaId", fromE164.TrimStart('+')),
        new("SmsStatus", "received"),
        new("To", BusinessNumber),
        new("NumSegments", "1"),
        new("ReferralNumMedia", "0"),
        new("MessageSid", sid),
        new("AccountSid", AccountSid),
        new("From", $"whatsapp:{fromE164}"),
        new("ApiVersion", "2010-04-01"),
    ];

    public static List<KeyValuePair<string, string>> Text(string sid, string fromE164, string body, string? profileName = "Ana") =>
        [.. Incoming(sid, fromE164, profileName), new("MessageType", "text"), new("Body", body)];

    /// <summary>A status callback (T4 "Twilio's request to the StatusCallback URL").</summary>
    public static List<KeyValuePair<string, string>> Status(string sid, string status, string toE164, string? errorCode = null, string? errorMessage = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("ChannelPrefix", "whatsapp"),
            new("ApiVersion", "2010-04-01"),
            new("MessageStatus", status),
            new("SmsSid", sid),
            new("SmsStatus", status),
            new("ChannelInstallSid", "XEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
            new("To", $"whatsapp:{toE164}"),
            new("From", BusinessNumber),
            new("MessageSid", sid),
            new("AccountSid", AccountSid),
            new("ChannelToAddress", toE164),
        };
        if (status == "read")
        {
            form.Add(new("EventType", "READ"));
        }

        if (errorCode is not null)
        {
            form.Add(new("ErrorCode", errorCode));
        }

        if (errorMessage is not null)
        {
            form.Add(new("ErrorMessage", errorMessage));
        }

        return form;
    }

    /// <summary>Posts a form signed for <paramref name="signedUrl"/> (default: the request URL on http://localhost).</summary>
    public static async Task<HttpResponseMessage> PostSignedAsync(
        HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> form, string authToken = FakeTwilio.DefaultAuthToken, string? signedUrl = null)
    {
        var fields = form.ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        var url = signedUrl ?? new Uri(client.BaseAddress ?? new Uri("http://localhost"), path).ToString();
        request.Headers.TryAddWithoutValidation("X-Twilio-Signature", TwilioSignature.Compute(url, fields, authToken));
        return await client.SendAsync(request);
    }
}
