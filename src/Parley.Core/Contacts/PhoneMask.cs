using System.Text;

namespace Parley.Core.Contacts;

/// <summary>
/// Masks phone numbers and user ids for log lines: <c>+15550001111</c> → <c>+*******1111</c>.
/// </summary>
/// <remarks>
/// Every log line that names a person goes through <see cref="Mask"/>, so it accepts anything
/// and never throws. Rules, in order:
/// <list type="bullet">
/// <item>null, empty or whitespace → <c>(none)</c>;</item>
/// <item>the value is trimmed; a leading <c>whatsapp:</c> (Twilio's address form) is kept as written;</item>
/// <item>what is left, if it is 4 characters or shorter, is masked completely (<c>1234</c> → <c>****</c>);</item>
/// <item>otherwise the last four digits (any script's decimal digits) are kept, every other
/// digit and letter becomes <c>*</c>, <c>+ - . ( )</c> are kept so the shape stays readable,
/// any whitespace becomes one plain space, and anything else (control characters, line breaks,
/// symbols, emoji) becomes <c>*</c> — so a masked value can never break a log line.</item>
/// </list>
/// Characters are counted as Unicode scalar values, so an emoji is one <c>*</c>.
/// </remarks>
public static class PhoneMask
{
    /// <summary>What <see cref="Mask"/> returns for a missing value.</summary>
    public const string None = "(none)";

    private const string WhatsAppPrefix = "whatsapp:";
    private const int VisibleDigits = 4;

    /// <summary>Masks <paramref name="phoneOrId"/> for a log line; see the type's remarks for the rules.</summary>
    public static string Mask(string? phoneOrId)
    {
        if (string.IsNullOrWhiteSpace(phoneOrId))
        {
            return None;
        }

        var value = phoneOrId.Trim();
        var prefix = string.Empty;
        if (value.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase))
        {
            prefix = value[..WhatsAppPrefix.Length];
            value = value[WhatsAppPrefix.Length..];
        }

        // EnumerateRunes turns a lone surrogate into U+FFFD instead of throwing.
        var runeCount = 0;
        var digitCount = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            runeCount++;
            if (Rune.IsDigit(rune))
            {
                digitCount++;
            }
        }

        var masked = new StringBuilder(prefix, prefix.Length + runeCount);
        if (runeCount <= VisibleDigits)
        {
            return masked.Append('*', runeCount).ToString();
        }

        var digitsSeen = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsDigit(rune))
            {
                digitsSeen++;
                if (digitsSeen > digitCount - VisibleDigits)
                {
                    masked.Append(rune.ToString());
                }
                else
                {
                    masked.Append('*');
                }
            }
            else if (rune.Value is '+' or '-' or '.' or '(' or ')')
            {
                masked.Append((char)rune.Value);
            }
            else if (Rune.IsWhiteSpace(rune))
            {
                masked.Append(' ');
            }
            else
            {
                masked.Append('*');
            }
        }

        return masked.ToString();
    }
}
