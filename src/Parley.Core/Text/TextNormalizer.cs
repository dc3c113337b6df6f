using System.Buffers;
using System.Globalization;
using System.Text;

namespace Parley.Core.Text;

/// <summary>
/// Cleans inbound text before anything else sees it (<see cref="Sanitize"/>) and folds it into the
/// form the intent matcher compares (<see cref="ForMatching"/>).
/// </summary>
public static class TextNormalizer
{
    /// <summary>The default cap of <see cref="Sanitize"/>, in text elements; WhatsApp's own text limit.</summary>
    public const int DefaultMaxLength = 4096;

    private const int StackBufferLimit = 512;

    /// <summary>
    /// NFC-normalizes <paramref name="input"/>, removes control, zero-width and bidi-override characters
    /// (keeping \n, \t as whitespace, emoji and their zero-width joiners), turns every line ending into \n,
    /// collapses runs of spaces inside a line, trims, and keeps at most <paramref name="maxLength"/> text
    /// elements without splitting a grapheme. Escaping for HTML, SQL or log formats stays the job of each
    /// sink; this removes the characters that no sink should ever receive.
    /// </summary>
    public static string Sanitize(string? input, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (string.IsNullOrEmpty(input) || maxLength == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(input.Length, maxLength * 2 + 16));
        var pendingSpace = false;
        var lineHasText = false;

        // Only the first part of a huge input can survive the cap; scanning all of it would be wasted work.
        // A text element is rarely longer than a handful of UTF-16 units, but removed characters and
        // whitespace runs shrink the input, so allow a generous margin before the exact cut below.
        var scanLimit = (long)maxLength * 64 + 1024 < input.Length ? maxLength * 64 + 1024 : input.Length;

        for (var i = 0; i < scanLimit; i++)
        {
            var c = input[i];

            if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029')
            {
                if (c == '\r' && i + 1 < input.Length && input[i + 1] == '\n')
                {
                    i++;
                }

                // Spaces at the end of a line are dropped, not kept for the next one.
                pendingSpace = false;
                lineHasText = false;
                builder.Append('\n');
                continue;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
                {
                    FlushSpace(builder, ref pendingSpace);
                    builder.Append(c).Append(input[i + 1]);
                    lineHasText = true;
                    i++;
                }

                // A lone surrogate is not text; Normalize would throw on it and databases reject it.
                continue;
            }

            if (char.IsLowSurrogate(c) || IsRemoved(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                // Leading spaces of a line vanish; inner runs (tabs, NBSP, ideographic space) become one space.
                pendingSpace = lineHasText;
                continue;
            }

            FlushSpace(builder, ref pendingSpace);
            builder.Append(c);
            lineHasText = true;
        }

        var text = Normalize(builder.ToString(), NormalizationForm.FormC).Trim();
        return text.Length <= maxLength ? text : Truncate(text, maxLength);
    }

    /// <summary>
    /// Folds <paramref name="text"/> for comparison: compatibility-decomposed, lower case (invariant),
    /// diacritics dropped (ñ → n, é → e), every run of characters that are not letters or digits of any
    /// script (punctuation, symbols, emoji, whitespace) turned into one space, trimmed.
    /// </summary>
    public static string ForMatching(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // NFKD rather than NFD also folds full-width letters, ligatures and styled letters (𝐝𝐨𝐧𝐚𝐫).
        var decomposed = Normalize(text, NormalizationForm.FormKD);

        // Each rune writes at most two UTF-16 units and reads at least one.
        var capacity = decomposed.Length * 2;
        char[]? rented = null;
        var buffer = capacity <= StackBufferLimit
            ? stackalloc char[StackBufferLimit]
            : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            var length = 0;
            var pendingSpace = false;
            foreach (var rune in decomposed.EnumerateRunes())
            {
                switch (Rune.GetUnicodeCategory(rune))
                {
                    case UnicodeCategory.NonSpacingMark:
                    case UnicodeCategory.EnclosingMark:
                    case UnicodeCategory.Format:
                        // Accents, variation selectors, joiners and soft hyphens: gone without splitting the word.
                        continue;
                    case UnicodeCategory.UppercaseLetter:
                    case UnicodeCategory.LowercaseLetter:
                    case UnicodeCategory.TitlecaseLetter:
                    case UnicodeCategory.ModifierLetter:
                    case UnicodeCategory.OtherLetter:
                    case UnicodeCategory.DecimalDigitNumber:
                    case UnicodeCategory.SpacingCombiningMark:
                        if (pendingSpace && length > 0)
                        {
                            buffer[length++] = ' ';
                        }

                        pendingSpace = false;
                        length += Rune.ToLowerInvariant(rune).EncodeToUtf16(buffer[length..]);
                        break;
                    default:
                        pendingSpace = true;
                        break;
                }
            }

            return length == 0 ? string.Empty : new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The words of <paramref name="text"/> in matching form (see <see cref="ForMatching"/>).</summary>
    public static IReadOnlyList<string> Tokenize(string? text)
    {
        var folded = ForMatching(text);
        return folded.Length == 0 ? [] : folded.Split(' ');
    }

    private static bool IsRemoved(char c) => c switch
    {
        '\t' => false,
        < '\u0020' => true,                        // C0 controls, NUL included (\n and \r handled before)
        >= '\u007F' and <= '\u009F' => true,       // DEL and C1 controls
        '\u061C' => true,                          // Arabic letter mark, a bidi control
        >= '\u200B' and <= '\u200F' => c != '\u200D', // zero-width space/non-joiner, LRM, RLM; ZWJ builds emoji
        >= '\u202A' and <= '\u202E' => true,       // bidi embeddings and overrides
        >= '\u2060' and <= '\u2064' => true,       // word joiner and invisible operators
        >= '\u2066' and <= '\u2069' => true,       // bidi isolates
        '\uFEFF' => true,                          // byte-order mark / zero-width no-break space
        '\uFFFE' or '\uFFFF' => true,              // noncharacters (Normalize rejects U+FFFE)
        _ => false,
    };

    private static void FlushSpace(StringBuilder builder, ref bool pendingSpace)
    {
        if (pendingSpace)
        {
            builder.Append(' ');
            pendingSpace = false;
        }
    }

    private static string Truncate(string text, int maxTextElements)
    {
        var index = 0;
        for (var count = 0; count < maxTextElements && index < text.Length; count++)
        {
            index += StringInfo.GetNextTextElementLength(text, index);
        }

        return index >= text.Length ? text : text[..index].TrimEnd();
    }

    private static string Normalize(string text, NormalizationForm form)
    {
        if (HasInvalidUtf16(text))
        {
            text = ReplaceInvalidUtf16(text);
        }

        try
        {
            return text.Normalize(form);
        }
        catch (ArgumentException)
        {
            // Defensive: text the normalizer still refuses is matched as it is rather than failing the message.
            return text;
        }
    }

    private static bool HasInvalidUtf16(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < '\uD800')
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
            {
                return true;
            }
        }

        return false;
    }

    private static string ReplaceInvalidUtf16(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }
}
