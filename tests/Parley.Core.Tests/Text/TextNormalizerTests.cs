using System.Globalization;
using System.Text;
using Parley.Core.Text;

namespace Parley.Core.Tests.Text;

public class TextNormalizerTests
{
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467"; // 👨‍👩‍👧
    private const string MexicanFlag = "\U0001F1F2\U0001F1FD";                 // 🇲🇽
    private const string ThumbsUpMediumSkin = "\U0001F44D\U0001F3FD";          // 👍🏽
    private const string Grinning = "\U0001F600";                              // 😀

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("   \t \n ", "")]
    [InlineData("hola", "hola")]
    [InlineData("ho\0la", "hola")]
    [InlineData("\0\0\0", "")]
    [InlineData("a\u0001b\u0007c\u001B[31md\u007Fe\u009Bf", "abc[31mdef")]
    [InlineData("a\u000Bb\u000Cc", "abc")]
    public void Sanitize_ControlCharacters_AreRemoved(string? input, string expected)
    {
        TextNormalizer.Sanitize(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData("uno\r\ndos\rtres\ncuatro", "uno\ndos\ntres\ncuatro")]
    [InlineData("uno\u2028dos\u2029tres\u0085cuatro", "uno\ndos\ntres\ncuatro")]
    [InlineData("\r\n\r\nhola\r\n\r\n", "hola")]
    [InlineData("  hola   \t  mundo  ", "hola mundo")]
    [InlineData("a  \n   b", "a\nb")]
    [InlineData("a\u00A0\u00A0b\u3000c", "a b c")]
    [InlineData("a\tb", "a b")]
    [InlineData("uno\n\ndos", "uno\n\ndos")]
    public void Sanitize_LineEndingsAndWhitespace_AreNormalized(string input, string expected)
    {
        TextNormalizer.Sanitize(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData(Family)]
    [InlineData(MexicanFlag)]
    [InlineData(ThumbsUpMediumSkin)]
    [InlineData("Gracias " + Family + " " + MexicanFlag + " 🙏❤️")]
    [InlineData("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F")] // 🏴󠁧󠁢󠁥󠁮󠁧󠁿 tag sequence
    public void Sanitize_Emoji_AreKeptIntact(string input)
    {
        TextNormalizer.Sanitize(input).ShouldBe(input);
    }

    [Theory]
    [InlineData("مرحبا بكم في الكنيسة")]
    [InlineData("שלום לכולם")]
    [InlineData("こんにちは")]
    [InlineData("Привет")]
    public void Sanitize_OtherScripts_AreKept(string input)
    {
        TextNormalizer.Sanitize(input).ShouldBe(input);
    }

    [Theory]
    [InlineData("e\u0301", "\u00E9")]
    [InlineData("donacio\u0301n", "donaci\u00F3n")]
    [InlineData("n\u0303", "\u00F1")]
    public void Sanitize_CombiningMarks_AreComposed(string input, string expected)
    {
        TextNormalizer.Sanitize(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData("abc\u202Edef", "abcdef")]
    [InlineData("\u202A\u202B\u202C\u202D\u202Ex", "x")]
    [InlineData("\u2066a\u2067b\u2068c\u2069", "abc")]
    [InlineData("\u200Bzw\u200Csp\u200E\u200F", "zwsp")]
    [InlineData("\uFEFFhola\u2060", "hola")]
    [InlineData("مرحبا\u061C", "مرحبا")]
    public void Sanitize_InvisibleAndBidiControls_AreRemoved(string input, string expected)
    {
        TextNormalizer.Sanitize(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData(@"a\uD800b", "ab")]
    [InlineData(@"\uDC00abc", "abc")]
    [InlineData(@"abc\uD83D", "abc")]
    [InlineData(@"\uDE00\uD83D", "")]
    [InlineData(@"a\uFFFEb\uFFFF", "ab")]
    public void Sanitize_InvalidUtf16_IsDropped(string escapedInput, string expected)
    {
        TextNormalizer.Sanitize(Escaped.Decode(escapedInput)).ShouldBe(expected);
    }

    [Fact]
    public void Sanitize_OverLongAscii_IsCappedAtMaxLength()
    {
        TextNormalizer.Sanitize("abcdef", 3).ShouldBe("abc");
        TextNormalizer.Sanitize(new string('x', 10_000)).Length.ShouldBe(TextNormalizer.DefaultMaxLength);
    }

    [Theory]
    [InlineData("a" + Grinning + "b", 2, "a" + Grinning)]
    [InlineData(Grinning + Grinning + Grinning, 2, Grinning + Grinning)]
    [InlineData(Family + Family + Family, 2, Family + Family)]
    [InlineData(MexicanFlag + MexicanFlag, 1, MexicanFlag)]
    [InlineData("e\u0301e\u0301e\u0301", 2, "\u00E9\u00E9")]
    [InlineData("ab cd", 3, "ab")]
    public void Sanitize_CapInsideAGrapheme_KeepsWholeGraphemes(string input, int maxLength, string expected)
    {
        TextNormalizer.Sanitize(input, maxLength).ShouldBe(expected);
    }

    [Fact]
    public void Sanitize_CapOnLongEmojiText_NeverLeavesALoneSurrogate()
    {
        var input = string.Concat(Enumerable.Repeat(Grinning, 5000));

        var result = TextNormalizer.Sanitize(input);

        new StringInfo(result).LengthInTextElements.ShouldBe(TextNormalizer.DefaultMaxLength);
        result.EnumerateRunes().ShouldAllBe(rune => rune != Rune.ReplacementChar);
        char.IsHighSurrogate(result[^1]).ShouldBeFalse();
    }

    [Fact]
    public void Sanitize_HugeInput_IsCappedWithoutThrowing()
    {
        var input = string.Concat(Enumerable.Repeat("hola \0\u202E mundo\r\n", 200_000));

        var result = TextNormalizer.Sanitize(input);

        new StringInfo(result).LengthInTextElements.ShouldBeLessThanOrEqualTo(TextNormalizer.DefaultMaxLength);
        result.ShouldStartWith("hola mundo\nhola mundo\n");
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "h")]
    public void Sanitize_SmallMaxLength_IsHonoured(int maxLength, string expected)
    {
        TextNormalizer.Sanitize("hola", maxLength).ShouldBe(expected);
    }

    [Fact]
    public void Sanitize_NegativeMaxLength_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => TextNormalizer.Sanitize("hola", -1));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("DONACIÓN", "donacion")]
    [InlineData("¡Hola, Señor!", "hola senor")]
    [InlineData("Ñandú", "nandu")]
    [InlineData("donacio\u0301n", "donacion")]
    [InlineData("l'église", "l eglise")]
    [InlineData("  a--b__c  ", "a b c")]
    [InlineData("Evento 2025!", "evento 2025")]
    [InlineData("🙏 " + Family + " " + MexicanFlag, "")]
    [InlineData("dona\u200Dci\u00ADón", "donacion")]
    [InlineData("ＤＯＮＡＲ", "donar")]
    [InlineData("𝐝𝐨𝐧𝐚𝐫", "donar")]
    [InlineData("d\u0337o\u0337n\u0337a\u0337r\u0337", "donar")]
    [InlineData("أريد التبرع", "اريد التبرع")]
    [InlineData("a\0b", "a b")]
    public void ForMatching_Text_IsFoldedForComparison(string? input, string expected)
    {
        TextNormalizer.ForMatching(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData(@"a\uD800c", "a c")]
    [InlineData(@"\uDC00don\uD83Dar\uFFFE", "don ar")]
    public void ForMatching_InvalidUtf16_BecomesASeparator(string escapedInput, string expected)
    {
        TextNormalizer.ForMatching(Escaped.Decode(escapedInput)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("¿Dónde es la reunión?", new[] { "donde", "es", "la", "reunion" })]
    [InlineData("  ", new string[0])]
    [InlineData("🙏", new string[0])]
    [InlineData("I want to DONATE!!", new[] { "i", "want", "to", "donate" })]
    public void Tokenize_Text_ReturnsFoldedWords(string input, string[] expected)
    {
        TextNormalizer.Tokenize(input).ShouldBe(expected);
    }
}
