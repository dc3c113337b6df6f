using Parley.Core.Webhooks;

namespace Parley.Core.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_767_600_000);

    [Fact]
    public void Sign_IsHmacSha256OfTimestampDotBody_AsLowercaseHex()
    {
        // Independently computed: printf '1767600000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        WebhookSignature.Sign("whsec_test", 1_767_600_000, "{\"a\":1}")
            .ShouldBe("t=1767600000,v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
                "whsec_test"u8.ToArray(), "1767600000.{\"a\":1}"u8.ToArray())));
    }

    [Fact]
    public void Verify_AcceptsItsOwnSignature_AndRefusesChanges()
    {
        var header = WebhookSignature.Sign("s", Now.ToUnixTimeSeconds(), "body");

        WebhookSignature.Verify("s", header, "body", Now, TimeSpan.FromMinutes(5)).ShouldBeTrue();
        WebhookSignature.Verify("s", header, "body!", Now, TimeSpan.FromMinutes(5)).ShouldBeFalse();
        WebhookSignature.Verify("other", header, "body", Now, TimeSpan.FromMinutes(5)).ShouldBeFalse();
        WebhookSignature.Verify("s", header, "body", Now.AddMinutes(6), TimeSpan.FromMinutes(5)).ShouldBeFalse();
        WebhookSignature.Verify("s", null, "body", Now, TimeSpan.FromMinutes(5)).ShouldBeFalse();
        WebhookSignature.Verify("s", "v1=abc", "body", Now, TimeSpan.FromMinutes(5)).ShouldBeFalse();
    }
}
