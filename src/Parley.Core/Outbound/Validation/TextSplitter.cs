using System.Globalization;

namespace Parley.Core.Outbound.Validation;

/// <summary>
/// Splits a long text into parts a provider accepts (WhatsApp 4,096 characters, Twilio 1,600): at a paragraph,
/// else a sentence, else a word boundary, never inside a surrogate pair or a grapheme cluster.
/// </summary>
public static class TextSplitter
{
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 16);
        var parts = new List<string>();
        var rest = text.Trim();
        while (rest.Length > maxLength)
        {
            var cut = FindCut(rest, maxLength);
            var part = rest[..cut].TrimEnd();
            if (part.Length > 0)
            {
                parts.Add(part);
            }

            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0 || parts.Count == 0)
        {
            parts.Add(rest);
        }

        return parts;
    }

    private static int FindCut(string text, int maxLength)
    {
        var window = text.AsSpan(0, maxLength);
        // Prefer the latest boundary in the second half of the window, strongest boundary first.
        var floor = maxLength / 2;
        var paragraph = window.LastIndexOf("\n\n");
        if (paragraph >= floor)
        {
            return paragraph + 2;
        }

        var sentence = LastSentenceEnd(window);
        if (sentence >= floor)
        {
            return sentence;
        }

        var line = window.LastIndexOf('\n');
        if (line >= floor)
        {
            return line + 1;
        }

        var space = window.LastIndexOfAny(' ', '\t');
        if (space >= floor)
        {
            return space + 1;
        }

        // No boundary: cut at the last whole text element that fits.
        var cut = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var end = elements.ElementIndex + elements.GetTextElement().Length;
            if (end > maxLength)
            {
                break;
            }

            cut = end;
        }

        return cut == 0 ? maxLength : cut;
    }

    private static int LastSentenceEnd(ReadOnlySpan<char> window)
    {
        for (var i = window.Length - 2; i >= 0; i--)
        {
            if (window[i] is '.' or '!' or '?' or '…' or '。' && char.IsWhiteSpace(window[i + 1]))
            {
                return i + 1;
            }
        }

        return -1;
    }
}
