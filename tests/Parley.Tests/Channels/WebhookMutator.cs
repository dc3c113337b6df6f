using System.Text;

namespace Parley.Tests.Channels;

/// <summary>
/// Mutates a provider's sample delivery the way broken clients, proxies and attackers do, from a seed (a failure can
/// be reproduced): lone UTF-16 surrogates as JSON escapes, invalid UTF-8 (stray continuation bytes, overlong forms,
/// encoded surrogates, bytes past U+10FFFF), NULs, bytes flipped, ranges deleted or repeated, values of another kind,
/// truncation; for forms, the same through percent-encoding.
/// </summary>
public sealed class WebhookMutator(int seed)
{
    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE], [0x80], [0xBF], [0xC3], [0xC0, 0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x00], [0xEF, 0xBF, 0xBE],
    ];

    private static readonly string[] JsonEscapes =
    [
        "\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ud83d", "\\ud83d\\ud83d", "\\ude00\\ud83d", "\\u0000", "\\u001f", "\\ufffe", "\\uffff",
        "\\", "\\x41", "\\u12", "\\uZZZZ", "\\\\ud800",
    ];

    private static readonly string[] JsonValues =
    [
        "null", "true", "[]", "{}", "\"\"", "0", "-1", "1e999", "-1e999", "99999999999999999999999", "1.5", "\"x\"", "[[[[[]]]]]",
        "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}", "\"" + new string('a', 5000) + "\"", "\"😀👍🏽 مرحبا ̈̈̈\"",
    ];

    private static readonly string[] FormPieces =
    [
        "%FF", "%80", "%C3", "%C0%80", "%ED%A0%80", "%F4%90%80%80", "%00", "%", "%G1", "%2", "+", "&", "=", "&&", "==", "%26", "%3D",
        "&Body=", "&From=", "&MessageSid=", "&NumMedia=999999999999", "&MediaUrl0=", "&Latitude=abc", "&MessageStatus=",
        "&ButtonPayload=%ED%B0%80", "&ProfileName=%F0%9F%98%80",
    ];

    private readonly Random _random = new(seed);

    public byte[] MutateJson(byte[] sample)
    {
        var bytes = new List<byte>(sample);
        var operations = 1 + _random.Next(3);
        for (var i = 0; i < operations; i++)
        {
            switch (_random.Next(10))
            {
                case 0 or 1:
                    InsertInString(bytes, Encoding.ASCII.GetBytes(Pick(JsonEscapes)));
                    break;
                case 2 or 3:
                    InsertInString(bytes, Pick(InvalidUtf8));
                    break;
                case 4:
                    Insert(bytes, Pick(InvalidUtf8));
                    break;
                case 5:
                    ReplaceValue(bytes, Encoding.UTF8.GetBytes(Pick(JsonValues)));
                    break;
                default:
                    Generic(bytes);
                    break;
            }
        }

        return [.. bytes];
    }

    public byte[] MutateForm(byte[] sample)
    {
        var bytes = new List<byte>(sample);
        var operations = 1 + _random.Next(3);
        for (var i = 0; i < operations; i++)
        {
            switch (_random.Next(6))
            {
                case 0 or 1 or 2:
                    Insert(bytes, Encoding.ASCII.GetBytes(Pick(FormPieces)));
                    break;
                case 3:
                    Insert(bytes, Pick(InvalidUtf8));
                    break;
                default:
                    Generic(bytes);
                    break;
            }
        }

        return [.. bytes];
    }

    private void Generic(List<byte> bytes)
    {
        if (bytes.Count == 0)
        {
            bytes.Add((byte)_random.Next(256));
            return;
        }

        var at = _random.Next(bytes.Count);
        switch (_random.Next(5))
        {
            case 0:
                bytes[at] = (byte)_random.Next(256);
                break;
            case 1:
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + _random.Next(16)));
                break;
            case 2:
                var length = Math.Min(bytes.Count - at, 1 + _random.Next(64));
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
            case 3:
                bytes.RemoveRange(at, bytes.Count - at); // truncated
                break;
            default:
                bytes[at] ^= (byte)(1 << _random.Next(8));
                break;
        }
    }

    /// <summary>Inserts right after an opening quote, so the bytes land inside a string value or name.</summary>
    private void InsertInString(List<byte> bytes, byte[] piece)
    {
        var quotes = new List<int>();
        for (var i = 0; i < bytes.Count; i++)
        {
            if (bytes[i] == '"')
            {
                quotes.Add(i);
            }
        }

        if (quotes.Count == 0)
        {
            Insert(bytes, piece);
            return;
        }

        bytes.InsertRange(Pick(quotes) + 1, piece);
    }

    /// <summary>Replaces what follows a colon up to the next comma or closing bracket with another JSON value.</summary>
    private void ReplaceValue(List<byte> bytes, byte[] value)
    {
        var colons = new List<int>();
        for (var i = 0; i < bytes.Count; i++)
        {
            if (bytes[i] == ':')
            {
                colons.Add(i);
            }
        }

        if (colons.Count == 0)
        {
            Insert(bytes, value);
            return;
        }

        var start = Pick(colons) + 1;
        var end = start;
        var depth = 0;
        var inString = false;
        while (end < bytes.Count)
        {
            var b = bytes[end];
            if (inString)
            {
                if (b == '\\')
                {
                    end++;
                }
                else if (b == '"')
                {
                    inString = false;
                }
            }
            else if (b == '"')
            {
                inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                depth++;
            }
            else if (b is (byte)'}' or (byte)']' or (byte)',' && depth == 0)
            {
                break;
            }
            else if (b is (byte)'}' or (byte)']')
            {
                depth--;
            }

            end++;
        }

        bytes.RemoveRange(start, Math.Min(end, bytes.Count) - start);
        bytes.InsertRange(start, value);
    }

    private void Insert(List<byte> bytes, byte[] piece) => bytes.InsertRange(_random.Next(bytes.Count + 1), piece);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
