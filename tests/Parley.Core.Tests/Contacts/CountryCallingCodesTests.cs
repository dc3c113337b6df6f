using Parley.Core.Contacts;

namespace Parley.Core.Tests.Contacts;

public class CountryCallingCodesTests
{
    [Theory]
    [InlineData("15550001111", "1")]
    [InlineData("12425550000", "1")] // the Bahamas are inside NANP, not a 3-digit code
    [InlineData("79123456789", "7")]
    [InlineData("201012345678", "20")]
    [InlineData("2125", "212")]
    [InlineData("27821234567", "27")]
    [InlineData("3912", "39")]
    [InlineData("35312345", "353")]
    [InlineData("380501234567", "380")]
    [InlineData("383", "383")]
    [InlineData("525512345678", "52")]
    [InlineData("5999", "599")]
    [InlineData("8521234", "852")]
    [InlineData("8613800138000", "86")]
    [InlineData("998901234567", "998")]
    public void TryMatchPrefix_AssignedCode_ReturnsLongestMatch(string digits, string expected)
    {
        CountryCallingCodes.TryMatchPrefix(digits, out var code).ShouldBeTrue();

        code.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0441234")]
    [InlineData("2591234")]
    [InlineData("28")]
    [InlineData("3841234")]
    [InlineData("4221234")]
    [InlineData("6711234")]
    [InlineData("80012345678")]
    [InlineData("9971234")]
    [InlineData("9991234")]
    public void TryMatchPrefix_NoAssignedCode_ReturnsFalse(string digits)
    {
        CountryCallingCodes.TryMatchPrefix(digits, out var code).ShouldBeFalse();

        code.ShouldBeNull();
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("44", true)]
    [InlineData("423", true)]
    [InlineData("+44", false)]
    [InlineData("044", false)]
    [InlineData("210", false)]
    [InlineData("388", false)]
    [InlineData("684", false)]
    [InlineData("800", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsAssigned_Code_MatchesTable(string? code, bool expected) =>
        CountryCallingCodes.IsAssigned(code).ShouldBe(expected);

    [Theory]
    [InlineData("44", "United Kingdom")]
    [InlineData("52", "Mexico")]
    [InlineData("7", "Russia, Kazakhstan")]
    [InlineData("999", null)]
    public void GetName_Code_ReturnsCountry(string code, string? expected) =>
        CountryCallingCodes.GetName(code).ShouldBe(expected);

    [Fact]
    public void All_Table_HasEveryGeographicCodeOnce()
    {
        // 206 geographic codes in libphonenumber's metadata, plus 383 (Kosovo, assigned 2016).
        CountryCallingCodes.All.Count.ShouldBe(207);
    }

    [Fact]
    public void All_Table_IsAPrefixCodeOfOneToThreeDigits()
    {
        foreach (var code in CountryCallingCodes.All)
        {
            code.Length.ShouldBeInRange(1, CountryCallingCodes.MaxLength, code);
            code.ShouldAllBe(c => char.IsAsciiDigit(c), code);
            code[0].ShouldNotBe('0', code);
            CountryCallingCodes.All
                .Where(other => other != code && other.StartsWith(code, StringComparison.Ordinal))
                .ShouldBeEmpty($"{code} is a prefix of another code");
        }
    }

    [Theory]
    [InlineData("44", true)]
    [InlineData("49", true)]
    [InlineData("61", true)]
    [InlineData("39", false)] // Italy's leading 0 is part of the number
    [InlineData("34", false)]
    [InlineData("52", false)]
    [InlineData("1", false)]
    public void UsesTrunkPrefixZero_Code_MatchesTable(string code, bool expected) =>
        CountryCallingCodes.UsesTrunkPrefixZero(code).ShouldBe(expected);
}
