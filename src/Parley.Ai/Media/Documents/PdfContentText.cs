using System.Globalization;
using System.Text;

namespace Parley.Ai.Media.Documents;

/// <summary>
/// The text operators of a page's content streams (<c>Tf</c>, <c>Td</c>, <c>TD</c>, <c>Tm</c>, <c>T*</c>, <c>Tj</c>,
/// <c>TJ</c>, <c>'</c>, <c>"</c>), read as a stream of tokens: nothing is built but the text, operands are few and
/// short-lived, and reading stops once <paramref name="maxChars"/> characters are there. PDFsharp's content reader
/// builds an object per operator of the whole stream first, which a compressed stream of millions of operators turns
/// into gigabytes.
/// </summary>
internal sealed class PdfContentText(IReadOnlyDictionary<string, PdfFontDecoder> fonts, StringBuilder text, int maxChars)
{
    /// <summary>Operands kept before an operator; a stream of numbers without operators is not stacked up.</summary>
    private const int MaxOperands = 4096;

    /// <summary>Longest string operand kept (a Tj of megabytes is cut, not held).</summary>
    private const int MaxString = 64 * 1024;

    private const int MaxNesting = 32;

    private readonly List<object> _operands = [];
    private readonly Stack<List<object>> _arrays = new();
    private PdfFontDecoder _font = PdfFontDecoder.Default;
    private double? _lineY;
    private Stream _input = Stream.Null;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _length;
    private int _at;

    public bool Full => text.Length >= maxChars;

    /// <summary>Reads one content stream; the state (font, position) carries over to the page's next stream.</summary>
    public void Read(Stream content, CancellationToken ct)
    {
        _input = content;
        _length = 0;
        _at = 0;
        var tokens = 0;
        while (!Full)
        {
            if (++tokens % 8192 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var c = Next();
            switch (c)
            {
                case -1:
                    return;
                case 0 or 9 or 10 or 12 or 13 or 32:
                    continue;
                case '%':
                    while (Peek() is not (-1 or '\n' or '\r'))
                    {
                        Next();
                    }

                    continue;
                case '(':
                    Operand(LiteralString());
                    continue;
                case '<' when Peek() == '<':
                    Next();
                    SkipDictionary();
                    Operand(Dictionary);
                    continue;
                case '<':
                    Operand(HexString());
                    continue;
                case '[':
                    if (_arrays.Count < MaxNesting)
                    {
                        _arrays.Push([]);
                    }

                    continue;
                case ']':
                    if (_arrays.Count > 0)
                    {
                        var array = _arrays.Pop();
                        Operand(array);
                    }

                    continue;
                case '/':
                    Operand(new Name("/" + Word()));
                    continue;
                case '>' or ')' or '{' or '}':
                    continue;
                default:
                    var word = ((char)c) + Word();
                    if (c is '+' or '-' or '.' || char.IsAsciiDigit((char)c))
                    {
                        Operand(double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : 0d);
                    }
                    else if (word is "true" or "false" or "null")
                    {
                        Operand(word);
                    }
                    else
                    {
                        Operator(word);
                    }

                    continue;
            }
        }
    }

    private static readonly object Dictionary = new();

    private sealed record Name(string Value);

    private sealed record Bytes(string Value);

    private void Operand(object value)
    {
        var target = _arrays.Count > 0 ? _arrays.Peek() : _operands;
        if (target.Count >= MaxOperands)
        {
            target.Clear();
        }

        target.Add(value);
    }

    private void Operator(string op)
    {
        _arrays.Clear();
        try
        {
            switch (op)
            {
                case "Tf" when _operands.Count > 0 && _operands[0] is Name name:
                    _font = fonts.GetValueOrDefault(name.Value, PdfFontDecoder.Default);
                    break;
                case "Td" or "TD" when _operands.Count >= 2:
                    if (Math.Abs(Number(_operands[1])) > 0.01)
                    {
                        NewLine();
                    }
                    else
                    {
                        Space();
                    }

                    break;
                case "Tm" when _operands.Count >= 6:
                    var y = Number(_operands[5]);
                    if (_lineY is { } previous && Math.Abs(previous - y) > 0.01)
                    {
                        NewLine();
                    }
                    else
                    {
                        Space();
                    }

                    _lineY = y;
                    break;
                case "T*":
                    NewLine();
                    break;
                case "Tj" when _operands.Count > 0 && _operands[0] is Bytes s:
                    Append(_font.Decode(s.Value));
                    break;
                case "'" or "\"" when _operands.Count > 0 && _operands[^1] is Bytes s:
                    NewLine();
                    Append(_font.Decode(s.Value));
                    break;
                case "TJ" when _operands.Count > 0 && _operands[0] is List<object> array:
                    foreach (var part in array)
                    {
                        if (part is Bytes piece)
                        {
                            Append(_font.Decode(piece.Value));
                        }
                        else if (part is double n && n < -200)
                        {
                            // A wide negative adjustment is how many producers write a space.
                            Space();
                        }
                    }

                    break;
                case "ID":
                    SkipInlineImage();
                    break;
            }
        }
        finally
        {
            _operands.Clear();
        }
    }

    private void Append(string value)
    {
        var room = maxChars - text.Length;
        text.Append(value.Length > room ? value[..Math.Max(0, room)] : value);
    }

    private void NewLine()
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    private void Space()
    {
        if (text.Length > 0 && !char.IsWhiteSpace(text[^1]))
        {
            text.Append(' ');
        }
    }

    private static double Number(object value) => value is double d ? d : 0;

    /// <summary>Regular characters up to the next white space or delimiter.</summary>
    private string Word()
    {
        var word = new StringBuilder();
        while (Peek() is var c && c >= 0 && !IsWhite(c) && !IsDelimiter(c))
        {
            Next();
            if (word.Length < 256)
            {
                word.Append((char)c);
            }
        }

        return word.ToString();
    }

    /// <summary>A literal string: balanced parentheses, backslash escapes, octal codes; one char per byte.</summary>
    private Bytes LiteralString()
    {
        var value = new StringBuilder();
        var depth = 1;
        while (true)
        {
            var c = Next();
            switch (c)
            {
                case -1:
                    return new Bytes(value.ToString());
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth == 0)
                    {
                        return new Bytes(value.ToString());
                    }

                    break;
                case '\\':
                    c = Next();
                    switch (c)
                    {
                        case 'n': c = '\n'; break;
                        case 'r': c = '\r'; break;
                        case 't': c = '\t'; break;
                        case 'b': c = '\b'; break;
                        case 'f': c = '\f'; break;
                        case '\r':
                            if (Peek() == '\n')
                            {
                                Next();
                            }

                            continue;
                        case '\n':
                            continue;
                        case >= '0' and <= '7':
                            var code = c - '0';
                            for (var k = 0; k < 2 && Peek() is >= '0' and <= '7'; k++)
                            {
                                code = (code * 8) + (Next() - '0');
                            }

                            c = code & 0xFF;
                            break;
                        case -1:
                            return new Bytes(value.ToString());
                    }

                    break;
            }

            if (value.Length < MaxString)
            {
                value.Append((char)c);
            }
        }
    }

    private Bytes HexString()
    {
        var value = new StringBuilder();
        var high = -1;
        while (true)
        {
            var c = Next();
            if (c is -1 or '>')
            {
                if (high >= 0 && value.Length < MaxString)
                {
                    value.Append((char)(high << 4));
                }

                return new Bytes(value.ToString());
            }

            var digit = HexValue(c);
            if (digit < 0)
            {
                continue;
            }

            if (high < 0)
            {
                high = digit;
            }
            else
            {
                if (value.Length < MaxString)
                {
                    value.Append((char)((high << 4) | digit));
                }

                high = -1;
            }
        }
    }

    /// <summary>Marked-content properties and the like: nothing Parley reads, skipped with their strings and nesting.</summary>
    private void SkipDictionary()
    {
        var depth = 1;
        while (depth > 0)
        {
            var c = Next();
            switch (c)
            {
                case -1:
                    return;
                case '(':
                    LiteralString();
                    break;
                case '<' when Peek() == '<':
                    Next();
                    depth++;
                    break;
                case '>' when Peek() == '>':
                    Next();
                    depth--;
                    break;
            }
        }
    }

    /// <summary>After <c>ID</c>, an inline image's bytes run to <c>EI</c> between white space.</summary>
    private void SkipInlineImage()
    {
        Next(); // the single white-space byte after ID
        var previous = ' ';
        while (true)
        {
            var c = Next();
            if (c == -1)
            {
                return;
            }

            if (c == 'E' && IsWhite(previous) && Peek() == 'I')
            {
                Next();
                if (Peek() is var after && (after == -1 || IsWhite(after) || IsDelimiter(after)))
                {
                    return;
                }
            }

            previous = (char)c;
        }
    }

    private int Peek()
    {
        if (_at >= _length && !Fill())
        {
            return -1;
        }

        return _buffer[_at];
    }

    private int Next()
    {
        if (_at >= _length && !Fill())
        {
            return -1;
        }

        return _buffer[_at++];
    }

    private bool Fill()
    {
        try
        {
            _length = _input.Read(_buffer, 0, _buffer.Length);
        }
        catch (InvalidDataException)
        {
            // A damaged compressed tail ends the stream; the text before it is kept.
            _length = 0;
        }

        _at = 0;
        return _length > 0;
    }

    private static int HexValue(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool IsWhite(int c) => c is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiter(int c) => c is '(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%';
}
