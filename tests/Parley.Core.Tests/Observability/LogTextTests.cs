using Parley.Core.Observability;

namespace Parley.Core.Tests.Observability;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("The 'To' number whatsapp:+15550001111 is not a valid phone number.", "The 'To' number whatsapp:+*******1111 is not a valid phone number.")]
    [InlineData("Recipient 5215512345678 is not on WhatsApp", "Recipient *********5678 is not on WhatsApp")]
    [InlineData("call +1 (555) 000-1111 now", "call +* (***) ***-1111 now")]
    public void Safe_PhoneNumbersInProviderText_AreMasked(string text, string expected) =>
        LogText.Safe(text).ShouldBe(expected);

    [Theory]
    [InlineData("(#131047) Re-engagement message")]
    [InlineData("HTTP 503 after 2.5 s")]
    [InlineData("error 130429: rate limit hit")]
    public void Safe_ShortNumbersAndCodes_AreKept(string text) =>
        LogText.Safe(text).ShouldBe(text);

    [Fact]
    public void Safe_LongText_IsCut() =>
        LogText.Safe(new string('x', 2000)).Length.ShouldBe(LogText.MaxLength + 1);
}
