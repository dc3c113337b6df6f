using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Core.Contacts;

/// <summary>
/// A phone number in E.164 form — <c>+</c>, the country calling code and the national number,
/// 8 to 15 digits in all — read from the ways people, Meta and Twilio write numbers.
/// </summary>
/// <remarks>
/// <para>
/// Accepted: <c>+1 (555) 000-1111</c>; Twilio's <c>whatsapp:+15550001111</c> (prefix in any case);
/// the international prefix <c>00</c> (<c>0044 20 7946 0958</c>); WhatsApp wa_ids, i.e. bare
/// digits with the country code (<c>15550001111</c>), when no default country calling code is
/// given and the string has 11 or more digits starting with an assigned code (use
/// <see cref="ParseWaId"/> for any length); national numbers (<c>(555) 000-1111</c>,
/// <c>020 7946 0958</c>) when a default country calling code is given. Spaces of any kind, dots,
/// dashes, slashes and parentheses are ignored, invisible formatting characters (such as the
/// direction marks phones add when copying a contact) are removed, and text is NFKC-normalized
/// first, so fullwidth digits work; decimal digits of other scripts (Arabic-Indic, Devanagari, …)
/// are read as their values. An extension at the end (<c>ext. 12</c>, <c>extension 12</c>,
/// <c>x12</c>, <c>#12</c>, <c>;ext=12</c>) is dropped: WhatsApp addresses a number, not an extension.
/// </para>
/// <para>
/// Adjustments: a national trunk prefix 0 is dropped for countries that use one (UK
/// <c>020 7946 0958</c> → <c>+442079460958</c>), also when written after the country code
/// (<c>+44 (0)20 7946 0958</c>); in national form, NANP's leading 1 of an 11-digit number and
/// Russia/Kazakhstan's leading 8 of an 11-digit number are dropped; Mexico's former mobile
/// marker 1 after +52 (<c>+52 1 55 1234 5678</c>) is dropped, as the 2019 numbering plan made
/// all Mexican numbers 10 digits — including the <c>521…</c> wa_ids Meta still sends.
/// A digit string without <c>+</c> or <c>00</c> is read as national whenever a default country
/// calling code is given, even if it happens to start with a country code.
/// </para>
/// <para>
/// Not validated: whether the national number has the right length for its country (only the
/// 8–15 digit E.164 total is checked), whether the number is assigned, reachable or on WhatsApp,
/// mobile versus landline, area codes, or trunk prefixes other than those above (Hungary's 06,
/// carrier selection codes in Brazil and Colombia, Argentina's mobile 15 and 9, Mexico's retired
/// 01/044/045); international prefixes other than 00 (011 from NANP, 010 from Japan, 8~10) are
/// not recognized; letters (vanity numbers such as 1-800-FLOWERS) are rejected, not translated;
/// numbers under non-geographic codes (+800, +882, …) and 7-digit numbers in small territories
/// (+683 Niue, +690 Tokelau) are rejected.
/// </para>
/// <para><c>default(PhoneNumber)</c> is not a number: its properties and formats are empty strings.</para>
/// </remarks>
public readonly partial record struct PhoneNumber
{
    /// <summary>Fewest digits, country calling code included, that Parley accepts.</summary>
    public const int MinDigits = 8;

    /// <summary>Most digits, country calling code included, that E.164 allows.</summary>
    public const int MaxDigits = 15;

    /// <summary>Longer input is rejected before any other work; a formatted number with an extension fits easily.</summary>
    public const int MaxInputLength = 64;

    private const string WhatsAppPrefix = "whatsapp:";

    private readonly string? _countryCallingCode;
    private readonly string? _nationalNumber;
    private readonly string? _e164;

    private PhoneNumber(string countryCallingCode, string nationalNumber)
    {
        _countryCallingCode = countryCallingCode;
        _nationalNumber = nationalNumber;
        _e164 = string.Concat("+", countryCallingCode, nationalNumber);
    }

    /// <summary>The country calling code in digits, e.g. <c>1</c>, <c>44</c>, <c>52</c>.</summary>
    public string CountryCallingCode => _countryCallingCode ?? string.Empty;

    /// <summary>The digits after the country calling code, without a trunk prefix.</summary>
    public string NationalNumber => _nationalNumber ?? string.Empty;

    /// <summary>The digits without <c>+</c>, as Meta's WhatsApp Cloud API uses them: <c>15550001111</c>.</summary>
    /// <remarks>For Mexico this is the 10-digit form (<c>52…</c>), which may differ from the <c>521…</c> wa_id Meta delivered.</remarks>
    public string WaId => _e164 is null ? string.Empty : _e164[1..];

    /// <summary><c>+15550001111</c>.</summary>
    public string ToE164() => _e164 ?? string.Empty;

    /// <summary>The E.164 form, <c>+15550001111</c>.</summary>
    public override string ToString() => ToE164();

    /// <summary>Twilio's WhatsApp address: <c>whatsapp:+15550001111</c>.</summary>
    public string ToWhatsAppAddress() => _e164 is null ? string.Empty : WhatsAppPrefix + _e164;

    /// <summary>
    /// A readable international form: <c>+1 555-000-1111</c> for NANP, otherwise the national
    /// number in groups (<c>+44 20 7946 0958</c>, <c>+34 612 345 678</c>). The generic grouping
    /// depends only on the number's length; it is for reading, not each country's convention.
    /// </summary>
    public string FormatForDisplay()
    {
        if (_countryCallingCode is null || _nationalNumber is null)
        {
            return string.Empty;
        }

        var national = _nationalNumber;
        if (_countryCallingCode == "1" && national.Length == 10)
        {
            return $"+1 {national[..3]}-{national[3..6]}-{national[6..]}";
        }

        var display = new StringBuilder("+").Append(_countryCallingCode);
        var start = 0;
        foreach (var size in GroupSizes(national.Length))
        {
            display.Append(' ').Append(national, start, size);
            start += size;
        }

        return display.ToString();
    }

    /// <summary>Reads <paramref name="input"/>; see the type's remarks for what is accepted.</summary>
    /// <param name="input">The number as written.</param>
    /// <param name="defaultCountryCallingCode">
    /// The country to read national numbers in (<c>"44"</c>, <c>"+44"</c>), or null/empty for none.
    /// </param>
    /// <exception cref="FormatException">The input is not a phone number; the message says why, with the input masked.</exception>
    /// <exception cref="ArgumentException"><paramref name="defaultCountryCallingCode"/> is not an assigned country calling code.</exception>
    public static PhoneNumber Parse(string? input, string? defaultCountryCallingCode)
    {
        var reason = TryParseCore(input, defaultCountryCallingCode, out var number);
        return reason is null ? number : throw new FormatException(Describe(input, reason));
    }

    /// <summary>Reads <paramref name="input"/>; false if it is not a phone number.</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="defaultCountryCallingCode"/> is not an assigned country calling code —
    /// a configuration mistake, reported rather than turned into "every number is invalid".
    /// </exception>
    public static bool TryParse(string? input, string? defaultCountryCallingCode, out PhoneNumber number) =>
        TryParseCore(input, defaultCountryCallingCode, out number) is null;

    /// <summary>
    /// Reads a WhatsApp wa_id — digits only, always starting with the country calling code — of any length.
    /// </summary>
    /// <exception cref="FormatException">Not a wa_id; the message says why, with the input masked.</exception>
    public static PhoneNumber ParseWaId(string? waId)
    {
        var reason = TryParseWaIdCore(waId, out var number);
        return reason is null ? number : throw new FormatException(Describe(waId, reason));
    }

    /// <summary>Reads a WhatsApp wa_id (digits only, with the country calling code); false if it is not one.</summary>
    public static bool TryParseWaId(string? waId, out PhoneNumber number) =>
        TryParseWaIdCore(waId, out number) is null;

    /// <summary>
    /// Whether two numbers as written are the same number: <c>whatsapp:+15550001111</c> and
    /// <c>+1 555-000-1111</c> are. False when either is not a phone number.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="defaultCountryCallingCode"/> is not an assigned country calling code.</exception>
    public static bool AreSame(string? a, string? b, string? defaultCountryCallingCode) =>
        TryParse(a, defaultCountryCallingCode, out var first)
        && TryParse(b, defaultCountryCallingCode, out var second)
        && first == second;

    private static string Describe(string? input, string reason) =>
        string.IsNullOrWhiteSpace(input)
            ? "A phone number is required, but the input is empty."
            : $"'{PhoneMask.Mask(input)}' is not a valid phone number: {reason}.";

    /// <returns>Null on success, otherwise the reason, worded to follow "is not a valid phone number: ".</returns>
    private static string? TryParseCore(string? input, string? defaultCountryCallingCode, out PhoneNumber number)
    {
        number = default;
        var defaultCode = NormalizeDefault(defaultCountryCallingCode);

        if (string.IsNullOrWhiteSpace(input))
        {
            return Reasons.Empty;
        }

        if (input.Length > MaxInputLength)
        {
            return Reasons.InputTooLong;
        }

        if (!IsWellFormedUtf16(input))
        {
            return Reasons.InvalidText;
        }

        var text = RemoveFormatCharacters(input.Normalize(NormalizationForm.FormKC)).Trim();
        if (text.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[WhatsAppPrefix.Length..].TrimStart();
        }

        var extension = Extension().Match(text);
        if (extension.Success)
        {
            text = extension.Groups["number"].Value;
        }

        var reason = ExtractDigits(text, out var digits, out var hasPlus);
        if (reason is not null)
        {
            return reason;
        }

        if (hasPlus)
        {
            return FromInternational(digits, out number);
        }

        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            return FromInternational(digits[2..], out number);
        }

        if (defaultCode is not null)
        {
            return Create(defaultCode, DropNationalPrefixes(defaultCode, digits, nationalForm: true), out number);
        }

        // A wa_id as Meta sends it: the country code without '+'. Shorter digit strings are far
        // more likely national numbers, so they need a default country (or ParseWaId).
        if (digits.Length >= 11 && CountryCallingCodes.TryMatchPrefix(digits, out _))
        {
            return FromInternational(digits, out number);
        }

        return Reasons.NoCountryCallingCode;
    }

    private static string? TryParseWaIdCore(string? waId, out PhoneNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(waId))
        {
            return Reasons.Empty;
        }

        var digits = waId.Trim();
        if (digits.Length > MaxInputLength)
        {
            return Reasons.InputTooLong;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return Reasons.WaIdNotDigits;
            }
        }

        return FromInternational(digits, out number);
    }

    private static string? NormalizeDefault(string? defaultCountryCallingCode)
    {
        if (string.IsNullOrWhiteSpace(defaultCountryCallingCode))
        {
            return null;
        }

        var code = defaultCountryCallingCode.Trim().TrimStart('+');
        return CountryCallingCodes.IsAssigned(code)
            ? code
            : throw new ArgumentException(
                $"'{defaultCountryCallingCode}' is not an assigned country calling code; expected digits such as \"1\", \"44\" or \"52\".",
                nameof(defaultCountryCallingCode));
    }

    private static string? ExtractDigits(string text, out string digits, out bool hasPlus)
    {
        var builder = new StringBuilder(text.Length);
        digits = string.Empty;
        hasPlus = false;

        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsDigit(rune))
            {
                builder.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            }
            else if (rune.Value == '+')
            {
                if (hasPlus || builder.Length > 0)
                {
                    return Reasons.MisplacedPlus;
                }

                hasPlus = true;
            }
            else if (IsSeparator(rune))
            {
                continue;
            }
            else if (Rune.IsLetter(rune))
            {
                return Reasons.Letters;
            }
            else
            {
                return Reasons.UnexpectedCharacter(rune);
            }
        }

        if (builder.Length == 0)
        {
            return Reasons.NoDigits;
        }

        digits = builder.ToString();
        return null;
    }

    private static bool IsSeparator(Rune rune) =>
        rune.Value is ' ' or '-' or '.' or '/' or '(' or ')' or '\u2212' // U+2212 MINUS SIGN, typed for a dash
        || Rune.IsWhiteSpace(rune)
        || Rune.GetUnicodeCategory(rune) == UnicodeCategory.DashPunctuation;

    private static string? FromInternational(string digits, out PhoneNumber number)
    {
        number = default;
        if (digits.Length == 0)
        {
            return Reasons.DigitCount(0);
        }

        if (digits[0] == '0')
        {
            return Reasons.CountryCodeStartsWithZero;
        }

        if (!CountryCallingCodes.TryMatchPrefix(digits, out var code))
        {
            return Reasons.UnknownCountryCallingCode;
        }

        return Create(code, DropNationalPrefixes(code, digits[code.Length..], nationalForm: false), out number);
    }

    private static string DropNationalPrefixes(string code, string national, bool nationalForm)
    {
        if (CountryCallingCodes.UsesTrunkPrefixZero(code) && national.StartsWith('0'))
        {
            // UK "020 7946 0958", or "+44 (0)20 7946 0958" written with the trunk 0 in brackets.
            national = national[1..];
        }
        else if (nationalForm && national.Length == 11
            && ((code == "1" && national[0] == '1') || (code == "7" && national[0] == '8')))
        {
            // NANP "1 555 000 1111" and Russian "8 912 345 67 89": 10-digit numbers dialled with a trunk digit.
            national = national[1..];
        }

        if (code == "52" && national.Length == 11 && national[0] == '1')
        {
            // Mexico dropped the mobile "1" after +52 in 2019; all national numbers are 10 digits.
            national = national[1..];
        }

        return national;
    }

    private static string? Create(string code, string national, out PhoneNumber number)
    {
        number = default;
        var total = code.Length + national.Length;
        if (total < MinDigits)
        {
            return Reasons.DigitCount(total);
        }

        if (total > MaxDigits)
        {
            return Reasons.DigitCount(total);
        }

        number = new PhoneNumber(code, national);
        return null;
    }

    private static readonly int[] Whole = [];
    private static readonly int[] ThreeThree = [3, 3];
    private static readonly int[] ThreeFour = [3, 4];
    private static readonly int[] FourFour = [4, 4];
    private static readonly int[] ThreeThreeThree = [3, 3, 3];
    private static readonly int[] TwoFourFour = [2, 4, 4];
    private static readonly int[] ThreeFourFour = [3, 4, 4];
    private static readonly int[] FourFourFour = [4, 4, 4];
    private static readonly int[] ThreeThreeThreeFour = [3, 3, 3, 4];
    private static readonly int[] TwoFourFourFour = [2, 4, 4, 4];

    private static int[] GroupSizes(int length) => length switch
    {
        6 => ThreeThree,
        7 => ThreeFour,
        8 => FourFour,
        9 => ThreeThreeThree,
        10 => TwoFourFour,
        11 => ThreeFourFour,
        12 => FourFourFour,
        13 => ThreeThreeThreeFour,
        14 => TwoFourFourFour,
        _ => length <= 0 ? Whole : [length],
    };

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]) || value[i] is '\uFFFE' or '\uFFFF')
            {
                // Noncharacters too: Unicode normalization (below) refuses them with an exception.
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes invisible formatting characters (Unicode Cf: direction marks, zero-width spaces, soft hyphens).</summary>
    private static string RemoveFormatCharacters(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format)
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>An extension at the end: "ext. 12", "extension 12", "x12", "#12", ";ext=12".</summary>
    [GeneratedRegex(
        @"^(?<number>.*?)[\s,;]*(?:(?:ext(?:ension)?|x)\s*[.:=]?|\#)\s*\d{1,6}\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex Extension();

    /// <summary>Why an input is not a phone number; each fits after "is not a valid phone number: ".</summary>
    private static class Reasons
    {
        public const string Empty = "it is empty";
        public const string InputTooLong = "it is longer than 64 characters";
        public const string InvalidText = "it contains invalid Unicode text";
        public const string WaIdNotDigits = "a wa_id contains only the digits 0-9";
        public const string MisplacedPlus = "'+' may appear only once, before the first digit";
        public const string Letters =
            "it contains letters; only digits, a leading '+', spaces, dots, dashes, slashes, parentheses and an extension such as 'ext. 12' are allowed";
        public const string NoDigits = "it contains no digits";
        public const string CountryCodeStartsWithZero = "a country calling code never starts with 0";
        public const string UnknownCountryCallingCode = "it does not start with an assigned country calling code";
        public const string NoCountryCallingCode =
            "it has no country calling code; write it as +<country code> <number> or set a default country calling code";

        public static string DigitCount(int digits) =>
            $"it has {digits} digits; an E.164 number has {MinDigits} to {MaxDigits} including the country calling code";

        public static string UnexpectedCharacter(Rune rune) =>
            Rune.IsControl(rune) || Rune.IsWhiteSpace(rune)
                ? $"it contains U+{rune.Value:X4}, which is not allowed in a phone number"
                : $"it contains '{rune}', which is not allowed in a phone number";
    }
}
