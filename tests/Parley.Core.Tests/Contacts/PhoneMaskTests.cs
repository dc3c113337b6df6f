using Parley.Core.Contacts;

namespace Parley.Core.Tests.Contacts;

public class PhoneMaskTests
{
    [Theory]
    [InlineData(null, "(none)")]
    [InlineData("", "(none)")]
    [InlineData("   ", "(none)")]
    [InlineData("\u00A0\t", "(none)")]
    // Phone numbers: the last four digits stay, '+' and punctuation keep the shape.
    [InlineData("+15550001111", "+*******1111")]
    [InlineData("15550001111", "*******1111")]
    [InlineData("  +15550001111 ", "+*******1111")]
    [InlineData("+1 (555) 000-1111", "+* (***) ***-1111")]
    [InlineData("+44.20.7946.0958", "+**.**.****.0958")]
    [InlineData("whatsapp:+15550001111", "whatsapp:+*******1111")]
    [InlineData("WhatsApp:+15550001111", "WhatsApp:+*******1111")]
    // Short values are masked completely.
    [InlineData("1234", "****")]
    [InlineData("12", "**")]
    [InlineData("+1", "**")]
    [InlineData("abcd", "****")]
    [InlineData("a", "*")]
    [InlineData("whatsapp:+12", "whatsapp:***")]
    [InlineData("12345", "*2345")]
    // Ids and text: letters are masked too.
    [InlineData("user-42abc", "****-42***")]
    [InlineData("José Pérez", "**** *****")]
    [InlineData("tel:+15550001111", "****+*******1111")]
    // Non-ASCII digits count as digits; other symbols are masked.
    [InlineData("\uFF0B\uFF11\uFF15\uFF15\uFF15\uFF10\uFF10\uFF10\uFF11\uFF11\uFF11\uFF11", "********\uFF11\uFF11\uFF11\uFF11")]
    [InlineData("+\u0662\u0660\u0661\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", "+********\u0665\u0666\u0667\u0668")]
    [InlineData("\U0001F4DE+15550001111", "*+*******1111")]
    [InlineData("+1\u00A0555\u00A0000\u00A01111", "+* *** *** 1111")]
    // Line breaks become spaces, so a masked value cannot forge a log line.
    [InlineData("+1555\r\n0001111", "+****  ***1111")]
    public void Mask_Value_KeepsLastFourDigits(string? value, string expected) =>
        PhoneMask.Mask(value).ShouldBe(expected);

    [Fact]
    public void Mask_ControlCharacters_Masked()
    {
        PhoneMask.Mask("+1555\u00000001111").ShouldBe("+********1111");
        PhoneMask.Mask("+1555\u001B[31m0001111").ShouldBe("+************1111");
    }

    [Fact]
    public void Mask_LoneSurrogates_MaskedWithoutThrowing()
    {
        PhoneMask.Mask("\uD800+15550001111").ShouldBe("*+*******1111");
        PhoneMask.Mask("+1555000111\uDC00").ShouldBe("+******0111*");
        PhoneMask.Mask("\uD83D").ShouldBe("*");
    }

    [Fact]
    public void Mask_VeryLongValue_KeepsOnlyLastFourDigits()
    {
        var value = new string('9', 1000) + "1234";

        PhoneMask.Mask(value).ShouldBe(new string('*', 1000) + "1234");
    }
}
