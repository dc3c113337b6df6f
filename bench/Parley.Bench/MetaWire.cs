using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Parley.Bench;

/// <summary>
/// Meta's webhook wire format as documented (../shared/wire/meta/inbound-text.json and status-sent.json), built
/// by hand so the generator spends little CPU on it, and signed like Meta: <c>X-Hub-Signature-256: sha256=</c>
/// HMAC-SHA256 of the exact body bytes with the app secret.
/// </summary>
public static class MetaWire
{
    public const string SignatureHeader = "X-Hub-Signature-256";
    public const string AccountId = "bench";
    public const string PhoneNumberId = "106540352242922";
    public const string DisplayPhoneNumber = "15550783881";
    public const string BusinessAccountId = "419561257915477";
    public const string AccessToken = "EAAB-bench-access-token";
    public const string AppSecret = "bench-app-secret";
    public const string VerifyToken = "bench-verify";

    private static readonly byte[] SecretBytes = Encoding.UTF8.GetBytes(AppSecret);

    /// <summary>The wa_id of contact <paramref name="n"/>: a US test number 1555 + 7 digits.</summary>
    public static string WaId(int n) => string.Create(CultureInfo.InvariantCulture, $"1555{n % 10_000_000:0000000}");

    /// <summary>The text the bench sends as message <paramref name="seq"/>; the echo bot repeats it in its reply.</summary>
    public static string Text(long seq) => string.Create(CultureInfo.InvariantCulture, $"bench {seq}");

    public static string MessageId(string run, long seq) => string.Create(CultureInfo.InvariantCulture, $"wamid.BENCH{run}{seq:000000000}");

    public static byte[] Inbound(string waId, string messageId, string text, long unixSeconds, int contact) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$$"""{"object":"whatsapp_business_account","entry":[{"id":"{{{BusinessAccountId}}}","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"{{{DisplayPhoneNumber}}}","phone_number_id":"{{{PhoneNumberId}}}"},"contacts":[{"profile":{"name":"Contact {{{contact}}}"},"wa_id":"{{{waId}}}"}],"messages":[{"from":"{{{waId}}}","id":"{{{messageId}}}","timestamp":"{{{unixSeconds}}}","type":"text","text":{"body":"{{{text}}}"}}]},"field":"messages"}]}]}"""));

    public static byte[] Status(string wamid, string status, string recipient, long unixSeconds)
    {
        var extra = status == "sent"
            ? $$$""","conversation":{"id":"{{{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient)))[..32]}}}","origin":{"type":"service"}},"pricing":{"billable":false,"pricing_model":"PMP","type":"free_customer_service","category":"service"}"""
            : "";
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$$"""{"object":"whatsapp_business_account","entry":[{"id":"{{{BusinessAccountId}}}","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"{{{DisplayPhoneNumber}}}","phone_number_id":"{{{PhoneNumberId}}}"},"statuses":[{"id":"{{{wamid}}}","status":"{{{status}}}","timestamp":"{{{unixSeconds}}}","recipient_id":"{{{recipient}}}"{{{extra}}}}]},"field":"messages"}]}]}"""));
    }

    public static string Sign(byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(SecretBytes, body));

    /// <summary>A signature that looks right and is not: what a forger without the app secret sends.</summary>
    public static string Forge(byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("not-the-secret"u8, body));

    /// <summary>Parley's account settings for the bench's Meta number, pointing at the fake Graph API.</summary>
    public static Dictionary<string, string> AccountSettings(string apiBaseUrl) => new()
    {
        ["Parley:Accounts:0:Id"] = AccountId,
        ["Parley:Accounts:0:Provider"] = "meta",
        ["Parley:Accounts:0:Bot"] = "echo",
        ["Parley:Accounts:0:PhoneNumberId"] = PhoneNumberId,
        ["Parley:Accounts:0:AccessToken"] = AccessToken,
        ["Parley:Accounts:0:AppSecret"] = AppSecret,
        ["Parley:Accounts:0:VerifyToken"] = VerifyToken,
        ["Parley:Accounts:0:ApiBaseUrl"] = apiBaseUrl,
        ["Parley:Accounts:0:Outbound:MessagesPerSecond"] = "100000",
        ["Parley:Accounts:0:Outbound:PairInterval"] = "00:00:00",
    };
}
