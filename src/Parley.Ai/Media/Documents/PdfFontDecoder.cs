using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;

namespace Parley.Ai.Media.Documents;

/// <summary>
/// Turns the bytes of a PDF text string into characters for one font: through the font's ToUnicode CMap when it has
/// one (how PDFsharp, Word and most producers write Unicode and subset fonts), else through its simple encoding
/// (WinAnsi by default). Composite fonts without a ToUnicode map cannot be read and give no text.
/// </summary>
internal sealed partial class PdfFontDecoder
{
    private static readonly Encoding WinAnsi = CreateWinAnsi();

    private readonly Dictionary<int, string>? _map;
    private readonly int _codeBytes;
    private readonly Dictionary<int, string>? _differences;
    private readonly bool _composite;

    private PdfFontDecoder(Dictionary<int, string>? map, int codeBytes, Dictionary<int, string>? differences, bool composite)
    {
        _map = map;
        _codeBytes = codeBytes;
        _differences = differences;
        _composite = composite;
    }

    public static readonly PdfFontDecoder Default = new(null, 1, null, false);

    /// <summary>Characters mapped from one ToUnicode map at most (a 2-byte font has 65,536 codes).</summary>
    private const int MaxMapped = 131_072;

    /// <param name="readStream">Decodes a stream (the ToUnicode map) within the document's limits; null when it cannot.</param>
    public static PdfFontDecoder For(PdfDictionary font, Func<PdfDictionary, byte[]?> readStream)
    {
        var composite = font.Elements.GetName("/Subtype") == "/Type0";
        Dictionary<int, string>? map = null;
        var codeBytes = composite ? 2 : 1;
        if (font.Elements.GetDictionary("/ToUnicode") is { Stream: not null } toUnicode && readStream(toUnicode) is { } bytes)
        {
            var cmap = Encoding.Latin1.GetString(bytes);
            (map, var width) = ParseCMap(cmap);
            codeBytes = width ?? codeBytes;
        }

        Dictionary<int, string>? differences = null;
        if (font.Elements.GetDictionary("/Encoding") is { } encoding && encoding.Elements.GetArray("/Differences") is { } array)
        {
            differences = [];
            var code = 0;
            foreach (var item in array.Elements)
            {
                switch (item)
                {
                    case PdfInteger n:
                        code = n.Value;
                        break;
                    case PdfName name:
                        if (GlyphNames.TryGetValue(name.Value.TrimStart('/'), out var ch))
                        {
                            differences[code] = ch;
                        }

                        code++;
                        break;
                }
            }
        }

        return new PdfFontDecoder(map, codeBytes, differences, composite);
    }

    /// <summary>Decodes a string operand whose characters each hold one byte (as PDFsharp's content reader gives them).</summary>
    public string Decode(string raw)
    {
        if (raw.Any(c => c > 0xFF))
        {
            return raw; // Already Unicode text.
        }

        var bytes = raw.Select(c => (byte)c).ToArray();
        if (_map is not null)
        {
            var builder = new StringBuilder();
            for (var i = 0; i + _codeBytes <= bytes.Length; i += _codeBytes)
            {
                var code = _codeBytes == 2 ? (bytes[i] << 8) | bytes[i + 1] : bytes[i];
                if (_map.TryGetValue(code, out var text))
                {
                    builder.Append(text);
                }
            }

            return builder.ToString();
        }

        if (_composite)
        {
            return ""; // Glyph ids without a map to characters.
        }

        if (_differences is null)
        {
            return WinAnsi.GetString(bytes);
        }

        var result = new StringBuilder();
        foreach (var b in bytes)
        {
            result.Append(_differences.TryGetValue(b, out var s) ? s : WinAnsi.GetString([b]));
        }

        return result.ToString();
    }

    /// <summary>Reads bfchar and bfrange entries; returns the code width from the codespace range when declared.</summary>
    internal static (Dictionary<int, string> Map, int? CodeBytes) ParseCMap(string cmap)
    {
        var map = new Dictionary<int, string>();
        int? width = null;
        foreach (Match block in CodespaceBlock().Matches(cmap))
        {
            var first = HexToken().Match(block.Groups[1].Value);
            if (first.Success)
            {
                width = (first.Groups[1].Value.Length + 1) / 2;
            }
        }

        foreach (Match block in BfCharBlock().Matches(cmap))
        {
            var tokens = HexToken().Matches(block.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
            for (var i = 0; i + 1 < tokens.Count; i += 2)
            {
                map[ParseHex(tokens[i])] = Utf16(tokens[i + 1]);
            }
        }

        foreach (Match block in BfRangeBlock().Matches(cmap))
        {
            foreach (Match entry in RangeEntry().Matches(block.Groups[1].Value))
            {
                var low = ParseHex(entry.Groups[1].Value);
                var high = ParseHex(entry.Groups[2].Value);
                if (high - low > 65535)
                {
                    continue;
                }

                if (map.Count >= MaxMapped)
                {
                    return (map, width);
                }

                if (entry.Groups[3].Success)
                {
                    var destination = entry.Groups[3].Value;
                    var start = Utf16(destination);
                    for (var code = low; code <= high && map.Count < MaxMapped; code++)
                    {
                        // Only the last UTF-16 unit increments across the range.
                        map[code] = start.Length == 0 ? "" : start[..^1] + (char)(start[^1] + (code - low));
                    }
                }
                else
                {
                    var items = HexToken().Matches(entry.Groups[4].Value).Select(m => Utf16(m.Groups[1].Value)).ToList();
                    for (var k = 0; k < items.Count && low + k <= high; k++)
                    {
                        map[low + k] = items[k];
                    }
                }
            }
        }

        return (map, width);
    }

    private static int ParseHex(string hex) =>
        hex.Length == 0 ? 0 : int.Parse(hex.Length > 8 ? hex[^8..] : hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Utf16(string hex)
    {
        if (hex.Length % 4 != 0)
        {
            hex = hex.PadLeft((hex.Length + 3) / 4 * 4, '0');
        }

        var builder = new StringBuilder();
        for (var i = 0; i + 4 <= hex.Length; i += 4)
        {
            builder.Append((char)int.Parse(hex.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static Encoding CreateWinAnsi()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private static readonly Dictionary<string, string> GlyphNames = new(StringComparer.Ordinal)
    {
        ["space"] = " ", ["quoteright"] = "’", ["quoteleft"] = "‘", ["quotedblleft"] = "“", ["quotedblright"] = "”",
        ["bullet"] = "•", ["endash"] = "–", ["emdash"] = "—", ["fi"] = "fi", ["fl"] = "fl", ["ellipsis"] = "…",
        ["hyphen"] = "-", ["period"] = ".", ["comma"] = ",", ["colon"] = ":", ["semicolon"] = ";", ["Euro"] = "€",
        ["aacute"] = "á", ["eacute"] = "é", ["iacute"] = "í", ["oacute"] = "ó", ["uacute"] = "ú", ["ntilde"] = "ñ",
        ["Aacute"] = "Á", ["Eacute"] = "É", ["Iacute"] = "Í", ["Oacute"] = "Ó", ["Uacute"] = "Ú", ["Ntilde"] = "Ñ",
        ["udieresis"] = "ü", ["questiondown"] = "¿", ["exclamdown"] = "¡",
    };

    [GeneratedRegex(@"begincodespacerange(.*?)endcodespacerange", RegexOptions.Singleline)]
    private static partial Regex CodespaceBlock();

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfCharBlock();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRangeBlock();

    [GeneratedRegex(@"<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*(?:<([0-9A-Fa-f]*)>|\[([^\]]*)\])")]
    private static partial Regex RangeEntry();

    [GeneratedRegex(@"<([0-9A-Fa-f]*)>")]
    private static partial Regex HexToken();
}
