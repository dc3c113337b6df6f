using Parley.Core.Contacts;

namespace Parley.Core.Tests.Contacts;

public class PhoneNumberTests
{
    private const string Letters =
        "it contains letters; only digits, a leading '+', spaces, dots, dashes, slashes, parentheses and an extension such as 'ext. 12' are allowed";
    private const string NoCountryCode =
        "it has no country calling code; write it as +<country code> <number> or set a default country calling code";
    private const string UnknownCode = "it does not start with an assigned country calling code";
    private const string Empty = "A phone number is required, but the input is empty.";

    [Theory]
    // E.164 and Twilio's address form, with the prefix in any case.
    [InlineData("+15550001111", null, "+15550001111")]
    [InlineData("whatsapp:+15550001111", null, "+15550001111")]
    [InlineData("WhatsApp:+15550001111", null, "+15550001111")]
    [InlineData("WHATSAPP:+15550001111", "44", "+15550001111")]
    [InlineData("whatsapp: +1 555 000 1111", null, "+15550001111")]
    // Punctuation people type.
    [InlineData("+1 (555) 000-1111", null, "+15550001111")]
    [InlineData("+1.555.000.1111", null, "+15550001111")]
    [InlineData("(+44) 20 7946 0958", null, "+442079460958")]
    [InlineData("+44 (0)20 7946 0958", null, "+442079460958")]
    // Mexico: the old mobile "1" after +52 goes (2019 numbering plan).
    [InlineData("+52 1 55 1234 5678", null, "+525512345678")]
    [InlineData("+52 55 1234 5678", null, "+525512345678")]
    [InlineData("5215512345678", null, "+525512345678")]
    // International prefix 00.
    [InlineData("0044 20 7946 0958", null, "+442079460958")]
    [InlineData("001 555 000 1111", null, "+15550001111")]
    [InlineData("0015550001111", "52", "+15550001111")]
    // wa_ids: 11+ digits starting with an assigned code, no default country.
    [InlineData("15550001111", null, "+15550001111")]
    [InlineData("442079460958", null, "+442079460958")]
    [InlineData("34612345678", null, "+34612345678")]
    [InlineData("8613800138000", null, "+8613800138000")]
    // National numbers with a default country calling code.
    [InlineData("(555) 000-1111", "1", "+15550001111")]
    [InlineData("555-000-1111", "+1", "+15550001111")]
    [InlineData("1 (555) 000-1111", "1", "+15550001111")]
    [InlineData("15550001111", "1", "+15550001111")]
    [InlineData("55 1234 5678", "52", "+525512345678")]
    [InlineData("020 7946 0958", "44", "+442079460958")]
    [InlineData("07700 900123", " 44 ", "+447700900123")]
    [InlineData("030/12345678", "49", "+493012345678")]
    [InlineData("612 34 56 78", "34", "+34612345678")]
    [InlineData("8 (912) 345-67-89", "7", "+79123456789")]
    // Italy keeps its leading 0; Russia's 8 is only a trunk prefix in national form.
    [InlineData("06 1234 5678", "39", "+390612345678")]
    [InlineData("+39 06 1234 5678", null, "+390612345678")]
    [InlineData("+7 800 555 35 35", null, "+78005553535")]
    [InlineData("+7 912 345-67-89", null, "+79123456789")]
    // Unicode spaces, dashes and invisible marks.
    [InlineData("+1\u00A0555\u00A0000\u00A01111", null, "+15550001111")]
    [InlineData("+1\u2009555\u202F000\u30001111", null, "+15550001111")]
    [InlineData("\u202A+1 555-000-1111\u202C", null, "+15550001111")]
    [InlineData("\u200E+1\u200B555\u20600001111", null, "+15550001111")]
    [InlineData("+1\u2011555\u2013000\u22121111", null, "+15550001111")]
    // Fullwidth (NFKC) and other scripts' digits.
    [InlineData("\uFF0B\uFF11\u3000\uFF15\uFF15\uFF15\u3000\uFF10\uFF10\uFF10\u3000\uFF11\uFF11\uFF11\uFF11", null, "+15550001111")]
    [InlineData("\uFF08\uFF15\uFF15\uFF15\uFF09\uFF10\uFF10\uFF10\uFF0D\uFF11\uFF11\uFF11\uFF11", "1", "+15550001111")]
    [InlineData("+\u0662\u0660 \u0661\u0660 \u0661\u0662\u0663\u0664 \u0665\u0666\u0667\u0668", null, "+201012345678")]
    // Leading and trailing whitespace.
    [InlineData("  +15550001111  ", null, "+15550001111")]
    [InlineData("\t+15550001111\r\n", null, "+15550001111")]
    // Extensions are dropped.
    [InlineData("+1 555 000 1111 ext. 12", null, "+15550001111")]
    [InlineData("+1 555 000 1111 EXT 9", null, "+15550001111")]
    [InlineData("+1 555 000 1111, extension 123", null, "+15550001111")]
    [InlineData("+1 555 000 1111 x12", null, "+15550001111")]
    [InlineData("+1 555 000 1111 #12", null, "+15550001111")]
    [InlineData("+1-555-000-1111;ext=12", null, "+15550001111")]
    [InlineData("(555) 000-1111 ext. 123456", "1", "+15550001111")]
    [InlineData("+1 555\n000 1111 ext. 12", null, "+15550001111")]
    public void Parse_AcceptedForm_ReturnsE164(string input, string? defaultCc, string expected)
    {
        PhoneNumber.Parse(input, defaultCc).ToE164().ShouldBe(expected);

        PhoneNumber.TryParse(input, defaultCc, out var number).ShouldBeTrue();
        number.ToE164().ShouldBe(expected);
    }

    [Theory]
    [InlineData("5512345678", "52", "+525512345678")]
    // Documented limitation: with a default country, digits without '+' or '00' are national even
    // when they look like a wa_id, and no per-country length check catches the result.
    [InlineData("442079460958", "1", "+1442079460958")]
    public void Parse_DigitsWithDefaultCountry_ReadAsNational(string input, string defaultCc, string expected) =>
        PhoneNumber.Parse(input, defaultCc).ToE164().ShouldBe(expected);

    [Theory]
    [InlineData(null, null, Empty)]
    [InlineData("", null, Empty)]
    [InlineData("   ", "44", Empty)]
    [InlineData("\u00A0\u3000", null, Empty)]
    [InlineData("call me", null, "'**** **' is not a valid phone number: " + Letters + ".")]
    [InlineData("1-800-FLOWERS", "1", "'1-800-*******' is not a valid phone number: " + Letters + ".")]
    [InlineData("tel:+15550001111", null, "'****+*******1111' is not a valid phone number: " + Letters + ".")]
    [InlineData("+1 555 000 1111 ext", null, "'+* *** *** 1111 ***' is not a valid phone number: " + Letters + ".")]
    [InlineData("+1 555 000 1111 ext. 1234567", null,
        "'+* *** *** **** ***. ***4567' is not a valid phone number: " + Letters + ".")]
    [InlineData("+1234567", null,
        "'+***4567' is not a valid phone number: it has 7 digits; an E.164 number has 8 to 15 including the country calling code.")]
    [InlineData("0044 20", null,
        "'**44 20' is not a valid phone number: it has 4 digits; an E.164 number has 8 to 15 including the country calling code.")]
    [InlineData("1234", "44",
        "'****' is not a valid phone number: it has 6 digits; an E.164 number has 8 to 15 including the country calling code.")]
    [InlineData("+1234567890123456", null,
        "'+************3456' is not a valid phone number: it has 16 digits; an E.164 number has 8 to 15 including the country calling code.")]
    [InlineData("+", null, "'*' is not a valid phone number: it contains no digits.")]
    [InlineData("ext. 12", null, "'***. 12' is not a valid phone number: it contains no digits.")]
    [InlineData("+999 1234 5678", null, "'+*** **** 5678' is not a valid phone number: " + UnknownCode + ".")]
    [InlineData("+259 123 4567", null, "'+*** *** 4567' is not a valid phone number: " + UnknownCode + ".")]
    [InlineData("+800 1234 5678", null, "'+*** **** 5678' is not a valid phone number: " + UnknownCode + ".")]
    [InlineData("+0 555 000 1111", null,
        "'+* *** *** 1111' is not a valid phone number: a country calling code never starts with 0.")]
    [InlineData("000 44 20 7946 0958", null,
        "'*** ** ** **** 0958' is not a valid phone number: a country calling code never starts with 0.")]
    [InlineData("(555) 000-1111", null, "'(***) ***-1111' is not a valid phone number: " + NoCountryCode + ".")]
    [InlineData("5550001111", null, "'******1111' is not a valid phone number: " + NoCountryCode + ".")]
    [InlineData("020 7946 0958", null, "'*** **** 0958' is not a valid phone number: " + NoCountryCode + ".")]
    [InlineData("28123456789", null, "'*******6789' is not a valid phone number: " + NoCountryCode + ".")]
    [InlineData("1+5550001111", null,
        "'*+******1111' is not a valid phone number: '+' may appear only once, before the first digit.")]
    [InlineData("++15550001111", null,
        "'++*******1111' is not a valid phone number: '+' may appear only once, before the first digit.")]
    [InlineData("+1 555 000 1111!", null,
        "'+* *** *** 1111*' is not a valid phone number: it contains '!', which is not allowed in a phone number.")]
    [InlineData("+1 555 000 1111 \U0001F600", null,
        "'+* *** *** 1111 *' is not a valid phone number: it contains '\U0001F600', which is not allowed in a phone number.")]
    public void Parse_Rejected_ThrowsFormatExceptionWithReason(string? input, string? defaultCc, string expectedMessage)
    {
        Should.Throw<FormatException>(() => PhoneNumber.Parse(input, defaultCc)).Message.ShouldBe(expectedMessage);

        PhoneNumber.TryParse(input, defaultCc, out var number).ShouldBeFalse();
        number.ShouldBe(default);
    }

    [Fact]
    public void Parse_LongerThan64Characters_RejectedBeforeReading()
    {
        var input = "+" + new string('5', 60) + "1111";

        var exception = Should.Throw<FormatException>(() => PhoneNumber.Parse(input, null));

        exception.Message.ShouldBe(
            "'+" + new string('*', 60) + "1111' is not a valid phone number: it is longer than 64 characters.");

        // At exactly 64 characters the input is read, and rejected for its digit count instead.
        Should.Throw<FormatException>(() => PhoneNumber.Parse(input[..64], null)).Message.ShouldBe(
            "'+" + new string('*', 59) + "5111' is not a valid phone number: it has 63 digits; "
            + "an E.164 number has 8 to 15 including the country calling code.");
    }

    [Fact]
    public void Parse_ControlCharacter_NamesItsCodePoint()
    {
        var exception = Should.Throw<FormatException>(() => PhoneNumber.Parse("+1555\u00070001111", null));

        exception.Message.ShouldBe(
            "'+********1111' is not a valid phone number: it contains U+0007, which is not allowed in a phone number.");
    }

    [Fact]
    public void Parse_LoneSurrogate_RejectedWithoutThrowingFromNormalization()
    {
        var exception = Should.Throw<FormatException>(() => PhoneNumber.Parse("+1555000111\uD800", null));

        exception.Message.ShouldBe("'+******0111*' is not a valid phone number: it contains invalid Unicode text.");
        PhoneNumber.TryParse("\uDC00+15550001111", null, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("999")]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("+1234")]
    public void Parse_UnassignedDefaultCountryCallingCode_ThrowsArgumentException(string defaultCc)
    {
        var exception = Should.Throw<ArgumentException>(() => PhoneNumber.TryParse("+15550001111", defaultCc, out _));

        exception.ParamName.ShouldBe("defaultCountryCallingCode");
        exception.Message.ShouldStartWith($"'{defaultCc}' is not an assigned country calling code;");
    }

    [Theory]
    [InlineData("whatsapp:+15550001111", "1", "5550001111", "15550001111")]
    [InlineData("+44 20 7946 0958", "44", "2079460958", "442079460958")]
    [InlineData("+52 1 55 1234 5678", "52", "5512345678", "525512345678")]
    [InlineData("+352 123456", "352", "123456", "352123456")]
    [InlineData("+7 912 345 67 89", "7", "9123456789", "79123456789")]
    public void Parse_ValidNumber_ExposesParts(string input, string countryCallingCode, string nationalNumber, string waId)
    {
        var number = PhoneNumber.Parse(input, null);

        number.CountryCallingCode.ShouldBe(countryCallingCode);
        number.NationalNumber.ShouldBe(nationalNumber);
        number.WaId.ShouldBe(waId);
        number.ToE164().ShouldBe("+" + waId);
        number.ToString().ShouldBe("+" + waId);
        number.ToWhatsAppAddress().ShouldBe("whatsapp:+" + waId);
    }

    [Theory]
    [InlineData("+15550001111", "+1 555-000-1111")]
    [InlineData("+1555000111", "+1 555 000 111")]
    [InlineData("+112345678901234", "+1 12 3456 7890 1234")]
    [InlineData("+442079460958", "+44 20 7946 0958")]
    [InlineData("+525512345678", "+52 55 1234 5678")]
    [InlineData("+34612345678", "+34 612 345 678")]
    [InlineData("+493012345678", "+49 30 1234 5678")]
    [InlineData("+8613800138000", "+86 138 0013 8000")]
    [InlineData("+6591234567", "+65 9123 4567")]
    [InlineData("+3541234567", "+354 123 4567")]
    [InlineData("+355123456", "+355 123 456")]
    [InlineData("+35212345", "+352 12345")]
    [InlineData("+49123456789012", "+49 1234 5678 9012")]
    [InlineData("+491234567890123", "+49 123 456 789 0123")]
    public void FormatForDisplay_ValidNumber_GroupsDigits(string e164, string expected) =>
        PhoneNumber.Parse(e164, null).FormatForDisplay().ShouldBe(expected);

    [Theory]
    [InlineData("15550001111", "+15550001111")]
    [InlineData("442079460958", "+442079460958")]
    [InlineData("8613800138000", "+8613800138000")]
    [InlineData("3541234567", "+3541234567")]
    [InlineData("35212345", "+35212345")]
    [InlineData(" 15550001111 ", "+15550001111")]
    public void ParseWaId_Digits_RoundTripsThroughWaId(string waId, string expectedE164)
    {
        var number = PhoneNumber.ParseWaId(waId);

        number.ToE164().ShouldBe(expectedE164);
        number.WaId.ShouldBe(waId.Trim());
        PhoneNumber.ParseWaId(number.WaId).ShouldBe(number);
        PhoneNumber.Parse(number.ToE164(), null).WaId.ShouldBe(number.WaId);
    }

    [Fact]
    public void ParseWaId_MexicanLegacyMobile_CanonicalWaIdDropsTheOne()
    {
        var number = PhoneNumber.ParseWaId("5215512345678");

        number.WaId.ShouldBe("525512345678");
        PhoneNumber.ParseWaId(number.WaId).ShouldBe(number);
    }

    [Theory]
    [InlineData("15550001111")]
    [InlineData("442079460958")]
    [InlineData("525512345678")]
    public void TryParse_WaIdWithoutDefault_SameAsParseWaId(string waId)
    {
        PhoneNumber.TryParse(waId, null, out var number).ShouldBeTrue();

        number.ShouldBe(PhoneNumber.ParseWaId(waId));
    }

    [Theory]
    [InlineData(null, Empty)]
    [InlineData("", Empty)]
    [InlineData("+15550001111", "'+*******1111' is not a valid phone number: a wa_id contains only the digits 0-9.")]
    [InlineData("1 555 000 1111", "'* *** *** 1111' is not a valid phone number: a wa_id contains only the digits 0-9.")]
    [InlineData("0015550001111", "'*********1111' is not a valid phone number: a country calling code never starts with 0.")]
    [InlineData("9991234567", "'******4567' is not a valid phone number: " + UnknownCode + ".")]
    [InlineData("1555000",
        "'***5000' is not a valid phone number: it has 7 digits; an E.164 number has 8 to 15 including the country calling code.")]
    public void ParseWaId_NotAWaId_ThrowsFormatException(string? waId, string expectedMessage)
    {
        Should.Throw<FormatException>(() => PhoneNumber.ParseWaId(waId)).Message.ShouldBe(expectedMessage);

        PhoneNumber.TryParseWaId(waId, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("whatsapp:+15550001111", "+1 (555) 000-1111", null, true)]
    [InlineData("15550001111", "whatsapp:+15550001111", null, true)]
    [InlineData("(555) 000-1111", "+15550001111", "1", true)]
    [InlineData("020 7946 0958", "+44 20 7946 0958", "44", true)]
    [InlineData("0044 (0)20 7946 0958", "+442079460958", null, true)]
    [InlineData("+52 1 55 1234 5678", "+52 55 1234 5678", null, true)]
    [InlineData("+15550001111", "+15550001112", null, false)]
    [InlineData("+15550001111", "+445550001111", null, false)]
    [InlineData("(555) 000-1111", "+15550001111", null, false)]
    [InlineData("not a number", "not a number", null, false)]
    [InlineData(null, null, null, false)]
    public void AreSame_TwoInputs_ComparesNormalizedNumbers(string? a, string? b, string? defaultCc, bool expected) =>
        PhoneNumber.AreSame(a, b, defaultCc).ShouldBe(expected);

    [Fact]
    public void Equality_SameNumberWrittenDifferently_EqualWithSameHashCode()
    {
        var first = PhoneNumber.Parse("whatsapp:+15550001111", null);
        var second = PhoneNumber.Parse("(555) 000-1111", "1");

        (first == second).ShouldBeTrue();
        first.GetHashCode().ShouldBe(second.GetHashCode());
        first.ShouldNotBe(PhoneNumber.Parse("+15550001112", null));
    }

    [Fact]
    public void Default_NotANumber_EverythingIsEmpty()
    {
        var number = default(PhoneNumber);

        number.CountryCallingCode.ShouldBe("");
        number.NationalNumber.ShouldBe("");
        number.WaId.ShouldBe("");
        number.ToE164().ShouldBe("");
        number.ToString().ShouldBe("");
        number.ToWhatsAppAddress().ShouldBe("");
        number.FormatForDisplay().ShouldBe("");
    }
}
