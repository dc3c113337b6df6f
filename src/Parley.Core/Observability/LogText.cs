using System.Text.RegularExpressions;
using Parley.Core.Contacts;

namespace Parley.Core.Observability;

/// <summary>
/// Makes free text from outside (a provider's error reason, an exception message) safe for a log line: anything that
/// looks like a phone number is masked with <see cref="PhoneMask"/>, and the text is cut to a sane length.
/// </summary>
public static partial class LogText
{
    public const int MaxLength = 500;

    /// <summary>Masks phone-number-like runs (7 or more digits, with an optional <c>+</c> and the usual separators).</summary>
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var masked = PhoneLike().Replace(text, m => m.Value.Count(char.IsAsciiDigit) >= 7 ? PhoneMask.Mask(m.Value) : m.Value);
        return masked.Length > MaxLength ? masked[..MaxLength] + "…" : masked;
    }

    // A '+' or digit, then digits and separators, ending in a digit; the evaluator masks it when it holds 7+ digits.
    [GeneratedRegex(@"\+?\d(?:[\d\s().-]{5,}\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex PhoneLike();
}
