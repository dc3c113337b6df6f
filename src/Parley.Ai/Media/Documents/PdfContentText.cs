using System.Buffers.Text;
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

    private readonly List<Operand> _operands = [];
    private readonly Stack<List<Operand>> _arrays = new();
    private readonly byte[] _word = new byte[256];
    private PdfFontDecoder _font = PdfFontDecoder.Default;
    private bool _inTextObject;
    private bool _inComment;
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

            // Outside text objects nothing is tokenized: drawing operators are skipped at the speed of a byte search.
            if (!_inTextObject && !SkipToTextObject())
            {
                return;
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
                    Push(Operand.Of(LiteralString()));
                    continue;
                case '<' when Peek() == '<':
                    Next();
                    SkipDictionary();
                    Push(default);
                    continue;
                case '<':
                    Push(Operand.Of(HexString()));
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
                        Push(Operand.Of(array));
                    }

                    continue;
                case '/':
                    var name = Word(-1);
                    Push(Operand.OfName("/" + Encoding.Latin1.GetString(_word, 0, name)));
                    continue;
                case '>' or ')' or '{' or '}':
                    continue;
                default:
                    var length = Word(c);
                    var word = _word.AsSpan(0, length);
                    if (c is '+' or '-' or '.' || char.IsAsciiDigit((char)c))
                    {
                        Push(Operand.Of(Utf8Parser.TryParse(word, out double number, out _) ? number : 0d));
                    }
                    else if (word.SequenceEqual("true"u8) || word.SequenceEqual("false"u8) || word.SequenceEqual("null"u8))
                    {
                        Push(default);
                    }
                    else
                    {
                        Operator(word);
                    }

                    continue;
            }
        }
    }

    /// <summary>An operand without boxing: a number, a string's bytes (one char each), a name, an array, or anything else.</summary>
    private readonly record struct Operand(double Number, string? Bytes, string? Name, List<Operand>? Array)
    {
        public static Operand Of(double number) => new(number, null, null, null);

        public static Operand Of(string bytes) => new(0, bytes, null, null);

        public static Operand OfName(string name) => new(0, null, name, null);

        public static Operand Of(List<Operand> array) => new(0, null, null, array);
    }

    private void Push(Operand value)
    {
        var target = _arrays.Count > 0 ? _arrays.Peek() : _operands;
        if (target.Count >= MaxOperands)
        {
            target.Clear();
        }

        target.Add(value);
    }

    private void Operator(ReadOnlySpan<byte> op)
    {
        _arrays.Clear();
        try
        {
            if (op.SequenceEqual("Tf"u8))
            {
                if (_operands.Count > 0 && _operands[0].Name is { } name)
                {
                    _font = fonts.GetValueOrDefault(name, PdfFontDecoder.Default);
                }
            }
            else if (op.SequenceEqual("Td"u8) || op.SequenceEqual("TD"u8))
            {
                if (_operands.Count >= 2)
                {
                    if (Math.Abs(_operands[1].Number) > 0.01)
                    {
                        NewLine();
                    }
                    else
                    {
                        Space();
                    }
                }
            }
            else if (op.SequenceEqual("Tm"u8))
            {
                if (_operands.Count >= 6)
                {
                    var y = _operands[5].Number;
                    if (_lineY is { } previous && Math.Abs(previous - y) > 0.01)
                    {
                        NewLine();
                    }
                    else
                    {
                        Space();
                    }

                    _lineY = y;
                }
            }
            else if (op.SequenceEqual("T*"u8))
            {
                NewLine();
            }
            else if (op.SequenceEqual("Tj"u8))
            {
                if (_operands.Count > 0 && _operands[0].Bytes is { } s)
                {
                    Append(_font.Decode(s));
                }
            }
            else if (op.SequenceEqual("'"u8) || op.SequenceEqual("\""u8))
            {
                if (_operands.Count > 0 && _operands[^1].Bytes is { } s)
                {
                    NewLine();
                    Append(_font.Decode(s));
                }
            }
            else if (op.SequenceEqual("TJ"u8))
            {
                if (_operands.Count > 0 && _operands[0].Array is { } array)
                {
                    foreach (var part in array)
                    {
                        if (part.Bytes is { } piece)
                        {
                            Append(_font.Decode(piece));
                        }
                        else if (part.Array is null && part.Name is null && part.Number < -200)
                        {
                            // A wide negative adjustment is how many producers write a space.
                            Space();
                        }
                    }
                }
            }
            else if (op.SequenceEqual("ET"u8))
            {
                _inTextObject = false;
            }
            else if (op.SequenceEqual("ID"u8))
            {
                SkipInlineImage();
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

    /// <summary>
    /// Regular characters up to the next white space or delimiter, into the word buffer (the first 256 are kept);
    /// <paramref name="first"/> is a character already read, or -1. Returns the length kept.
    /// </summary>
    private int Word(int first)
    {
        var length = 0;
        if (first >= 0)
        {
            _word[length++] = (byte)first;
        }

        while (Peek() is var c && c >= 0 && !IsWhite(c) && !IsDelimiter(c))
        {
            Next();
            if (length < _word.Length)
            {
                _word[length++] = (byte)c;
            }
        }

        return length;
    }

    /// <summary>A literal string: balanced parentheses, backslash escapes, octal codes; one char per byte.</summary>
    private string LiteralString()
    {
        var value = new StringBuilder();
        var depth = 1;
        while (true)
        {
            var c = Next();
            switch (c)
            {
                case -1:
                    return value.ToString();
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth == 0)
                    {
                        return value.ToString();
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
                            return value.ToString();
                    }

                    break;
            }

            if (value.Length < MaxString)
            {
                value.Append((char)c);
            }
        }
    }

    private string HexString()
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

                return value.ToString();
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

    /// <summary>
    /// Moves to just after the next <c>BT</c> (begin text object), applying any <c>/Font size Tf</c> met on the way
    /// (fonts may be chosen outside text objects). False at the end of the stream.
    /// </summary>
    private bool SkipToTextObject()
    {
        while (true)
        {
            if (_at >= _length)
            {
                if (!Refill(_length, out _))
                {
                    return false;
                }

                _at = 0;
            }

            if (_inComment)
            {
                // A comment runs to the end of its line, wherever that is.
                var eol = _buffer.AsSpan(_at, _length - _at).IndexOfAny((byte)'\n', (byte)'\r');
                _inComment = eol < 0;
                _at = eol < 0 ? _length : _at + eol;
                continue;
            }

            var i = _buffer.AsSpan(_at, _length - _at).IndexOfAny((byte)'T', (byte)'%');
            if (i >= 0 && _buffer[_at + i] == '%')
            {
                _at += i + 1;
                _inComment = true;
                continue;
            }

            if (i < 0)
            {
                // Nothing here; the last bytes come along as history for a match at the start of the next read.
                var keep = Math.Max(_at, _length - History);
                if (!Refill(keep, out var kept))
                {
                    return false;
                }

                _at = kept;
                continue;
            }

            var p = _at + i;
            if (p + 2 >= _length)
            {
                // The bytes after it are in the next read: take the history and look again.
                var from = Math.Max(0, p - History + 3);
                if (!Refill(from, out _))
                {
                    _at = _length;
                    return false;
                }

                _at = p - from;
                continue;
            }

            var before = p > 0 ? _buffer[p - 1] : (byte)' ';
            var next = _buffer[p + 1];
            if (before == 'B' && (p < 2 || !IsRegular(_buffer[p - 2])) && !IsRegular(next))
            {
                _at = p + 1;
                _inTextObject = true;
                return true;
            }

            if (next == 'f' && !IsRegular(before) && !IsRegular(_buffer[p + 2]))
            {
                SelectFontBefore(p);
            }

            _at = p + 1;
        }
    }

    /// <summary>The name operand of a <c>Tf</c> at <paramref name="p"/>, found in the bytes before it.</summary>
    private void SelectFontBefore(int p)
    {
        var from = Math.Max(0, p - History);
        var slash = _buffer.AsSpan(from, p - from).LastIndexOf((byte)'/');
        if (slash < 0)
        {
            return;
        }

        var start = from + slash + 1;
        var end = start;
        while (end < p && IsRegular(_buffer[end]))
        {
            end++;
        }

        _font = fonts.GetValueOrDefault("/" + Encoding.Latin1.GetString(_buffer, start, end - start), PdfFontDecoder.Default);
    }

    /// <summary>Bytes kept before a read in <see cref="SkipToTextObject"/>: enough for a Tf's name and size.</summary>
    private const int History = 128;

    /// <summary>Keeps the bytes from <paramref name="from"/> at the start of the buffer and reads more after them.</summary>
    private bool Refill(int from, out int kept)
    {
        kept = _length - from;
        _buffer.AsSpan(from, kept).CopyTo(_buffer);
        int read;
        try
        {
            read = _input.Read(_buffer, kept, _buffer.Length - kept);
        }
        catch (InvalidDataException)
        {
            read = 0;
        }

        _length = kept + read;
        return read > 0;
    }

    private static bool IsRegular(byte b) => !IsWhite(b) && !IsDelimiter(b);

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
