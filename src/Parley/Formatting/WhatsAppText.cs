using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Formatting;

/// <summary>
/// WhatsApp's message formatting, read once and shown three ways: as HTML for the admin (<see cref="Html"/>), as plain
/// text for previews (<see cref="Plain"/>), as terminal text for <c>chat</c> (<see cref="Terminal"/>). The rules, also
/// implemented by <c>wwwroot/sandbox/whatsapp-text.js</c> for the sandbox page (a browser test checks both give the same):
/// <list type="bullet">
/// <item><c>```text```</c> monospace (may span lines, nothing inside is formatted); <c>`text`</c> inline code;</item>
/// <item><c>*bold*</c>, <c>_italic_</c>, <c>~strike~</c>: the marker opens at the start or after a space or <c>( [ { " '</c>, is
/// followed by a non-space, closes after a non-space and before the end, a space or punctuation, on one line; they nest;</item>
/// <item>lines starting <c>&gt; </c> are a quote, <c>- </c>, <c>* </c> or <c>• </c> a bulleted list, <c>1. </c> a numbered list
/// (the numbers as written);</item>
/// <item>http(s) and www. addresses become links; everything else is text, HTML-encoded.</item>
/// </list>
/// </summary>
public static partial class WhatsAppText
{
    /// <summary>The message as safe HTML: every character of it is encoded, only the tags above are added.</summary>
    public static string Html(string? text)
    {
        var html = new StringBuilder();
        foreach (var block in Blocks(text ?? ""))
        {
            switch (block.Kind)
            {
                case BlockKind.Quote:
                    html.Append("<blockquote>");
                    AppendLines(html, block.Lines);
                    html.Append("</blockquote>");
                    break;
                case BlockKind.Bullets:
                    html.Append("<ul>");
                    foreach (var line in block.Lines)
                    {
                        html.Append("<li>");
                        AppendInline(html, line.Pieces);
                        html.Append("</li>");
                    }

                    html.Append("</ul>");
                    break;
                case BlockKind.Numbered:
                    html.Append("<ol>");
                    foreach (var line in block.Lines)
                    {
                        html.Append("<li value=\"").Append(line.Number).Append("\">");
                        AppendInline(html, line.Pieces);
                        html.Append("</li>");
                    }

                    html.Append("</ol>");
                    break;
                default:
                    AppendLines(html, block.Lines);
                    break;
            }
        }

        return html.ToString();
    }

    /// <summary>The message without its markers, as one line of at most <paramref name="max"/> characters (for previews).</summary>
    public static string Plain(string? text, int max = int.MaxValue)
    {
        var plain = new StringBuilder();
        foreach (var block in Blocks(text ?? ""))
        {
            foreach (var line in block.Lines)
            {
                if (plain.Length > 0)
                {
                    plain.Append(' ');
                }

                if (block.Kind == BlockKind.Bullets)
                {
                    plain.Append("• ");
                }
                else if (block.Kind == BlockKind.Numbered)
                {
                    plain.Append(line.Number).Append(". ");
                }

                AppendPlain(plain, line.Pieces);
            }
        }

        var oneLine = Spaces().Replace(plain.ToString(), " ").Trim();
        return oneLine.Length <= max ? oneLine : oneLine[..(max - 1)].TrimEnd() + "…";
    }

    /// <summary>For a terminal: bold, italic, strike-through and reverse video for code with ANSI codes, quotes and lists kept as written.</summary>
    public static string Terminal(string? text)
    {
        var lines = new List<string>();
        foreach (var block in Blocks(text ?? ""))
        {
            foreach (var line in block.Lines)
            {
                var s = new StringBuilder();
                s.Append(block.Kind switch
                {
                    BlockKind.Quote => "│ ",
                    BlockKind.Bullets => "• ",
                    BlockKind.Numbered => $"{line.Number}. ",
                    _ => "",
                });
                AppendTerminal(s, line.Pieces);
                lines.AddRange(s.ToString().Split('\n'));
            }
        }

        return string.Join('\n', lines);
    }

    // ---------------------------------------------------------------- reading

    public enum BlockKind
    {
        Text,
        Quote,
        Bullets,
        Numbered,
    }

    public enum InlineKind
    {
        Text,
        Link,
        Bold,
        Italic,
        Strike,
        Code,
        Mono,
    }

    /// <summary>A run of inline content: text, a link, or a formatted span with its own children.</summary>
    public sealed record Inline(InlineKind Kind, string Text, IReadOnlyList<Inline> Children);

    public sealed record Line(IReadOnlyList<Inline> Pieces, string? Number = null);

    public sealed record Block(BlockKind Kind, IReadOnlyList<Line> Lines);

    /// <summary>The message as blocks of lines: consecutive quote, bullet or numbered lines form one block each.</summary>
    public static IReadOnlyList<Block> Blocks(string text)
    {
        var blocks = new List<Block>();
        foreach (var (kind, line) in Lines(text.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            if (blocks.Count > 0 && blocks[^1].Kind == kind)
            {
                ((List<Line>)blocks[^1].Lines).Add(line);
            }
            else
            {
                blocks.Add(new Block(kind, new List<Line> { line }));
            }
        }

        return blocks;
    }

    /// <summary>Splits at line breaks outside <c>```…```</c> and tells each line's kind from how it starts.</summary>
    private static IEnumerable<(BlockKind Kind, Line Line)> Lines(string text)
    {
        // Monospace blocks first: they may hold line breaks and markers that mean nothing inside them.
        var raw = new List<List<(bool Mono, string Text)>> { new() };
        var last = 0;
        foreach (Match m in MonoBlock().Matches(text))
        {
            SplitInto(raw, text[last..m.Index]);
            raw[^1].Add((true, m.Groups[1].Value));
            last = m.Index + m.Length;
        }

        SplitInto(raw, text[last..]);

        foreach (var parts in raw)
        {
            var kind = BlockKind.Text;
            string? number = null;
            if (parts.Count > 0 && !parts[0].Mono && LinePrefix().Match(parts[0].Text) is { Success: true } prefix)
            {
                kind = prefix.Groups["quote"].Success ? BlockKind.Quote : prefix.Groups["number"].Success ? BlockKind.Numbered : BlockKind.Bullets;
                number = prefix.Groups["number"].Success ? prefix.Groups["number"].Value : null;
                parts[0] = (false, parts[0].Text[prefix.Length..]);
            }

            var pieces = new List<Inline>();
            foreach (var (mono, part) in parts)
            {
                if (mono)
                {
                    pieces.Add(new Inline(InlineKind.Mono, part, []));
                }
                else
                {
                    pieces.AddRange(Inlines(part));
                }
            }

            yield return (kind, new Line(pieces, number));
        }
    }

    private static void SplitInto(List<List<(bool Mono, string Text)>> lines, string text)
    {
        var split = text.Split('\n');
        for (var i = 0; i < split.Length; i++)
        {
            if (i > 0)
            {
                lines.Add([]);
            }

            if (split[i].Length > 0)
            {
                lines[^1].Add((false, split[i]));
            }
        }
    }

    /// <summary>Inline code and emphasis (nested), then links in what is left.</summary>
    public static IReadOnlyList<Inline> Inlines(string text)
    {
        var result = new List<Inline>();
        var last = 0;
        foreach (Match m in Emphasis().Matches(text))
        {
            if (m.Groups["code"].Success)
            {
                AddLinked(result, text[last..m.Index]);
                result.Add(new Inline(InlineKind.Code, m.Groups["code"].Value, []));
            }
            else
            {
                AddLinked(result, text[last..m.Index] + m.Groups["before"].Value);
                var kind = m.Groups["marker"].Value switch
                {
                    "*" => InlineKind.Bold,
                    "_" => InlineKind.Italic,
                    _ => InlineKind.Strike,
                };
                result.Add(new Inline(kind, "", Inlines(m.Groups["inner"].Value)));
            }

            last = m.Index + m.Length;
        }

        AddLinked(result, text[last..]);
        return result;
    }

    private static void AddLinked(List<Inline> result, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        var last = 0;
        foreach (Match m in Url().Matches(text))
        {
            var url = TrimUrl(m.Value);
            if (url.Length == 0)
            {
                continue;
            }

            if (m.Index > last)
            {
                result.Add(new Inline(InlineKind.Text, text[last..m.Index], []));
            }

            result.Add(new Inline(InlineKind.Link, url, []));
            last = m.Index + url.Length;
        }

        if (last < text.Length)
        {
            result.Add(new Inline(InlineKind.Text, text[last..], []));
        }
    }

    /// <summary>Trailing punctuation is not part of an address, nor a closing bracket that was never opened.</summary>
    private static string TrimUrl(string url)
    {
        while (url.Length > 0)
        {
            var c = url[^1];
            if (".,;:!?*_~".Contains(c, StringComparison.Ordinal) || (c == ')' && url.Count(ch => ch == '(') < url.Count(ch => ch == ')')))
            {
                url = url[..^1];
                continue;
            }

            break;
        }

        return url;
    }

    /// <summary>The address a link goes to: http(s) only (www. gets https://).</summary>
    public static string? Href(string url)
    {
        var candidate = url.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "https://" + url : url;
        return Uri.TryCreate(candidate, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u.AbsoluteUri : null;
    }

    // ---------------------------------------------------------------- writing

    private static void AppendLines(StringBuilder html, IReadOnlyList<Line> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                html.Append('\n');
            }

            AppendInline(html, lines[i].Pieces);
        }
    }

    private static void AppendInline(StringBuilder html, IReadOnlyList<Inline> pieces)
    {
        foreach (var piece in pieces)
        {
            switch (piece.Kind)
            {
                case InlineKind.Text:
                    html.Append(WebUtility.HtmlEncode(piece.Text));
                    break;
                case InlineKind.Link when Href(piece.Text) is { } href:
                    html.Append("<a href=\"").Append(WebUtility.HtmlEncode(href)).Append("\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">")
                        .Append(WebUtility.HtmlEncode(piece.Text)).Append("</a>");
                    break;
                case InlineKind.Link:
                    html.Append(WebUtility.HtmlEncode(piece.Text));
                    break;
                case InlineKind.Code:
                    html.Append("<code>").Append(WebUtility.HtmlEncode(piece.Text)).Append("</code>");
                    break;
                case InlineKind.Mono:
                    html.Append("<code class=\"mono\">").Append(WebUtility.HtmlEncode(piece.Text)).Append("</code>");
                    break;
                default:
                    var tag = piece.Kind switch { InlineKind.Bold => "strong", InlineKind.Italic => "em", _ => "s" };
                    html.Append('<').Append(tag).Append('>');
                    AppendInline(html, piece.Children);
                    html.Append("</").Append(tag).Append('>');
                    break;
            }
        }
    }

    private static void AppendPlain(StringBuilder plain, IReadOnlyList<Inline> pieces)
    {
        foreach (var piece in pieces)
        {
            if (piece.Children.Count > 0)
            {
                AppendPlain(plain, piece.Children);
            }
            else
            {
                plain.Append(piece.Text);
            }
        }
    }

    private static void AppendTerminal(StringBuilder s, IReadOnlyList<Inline> pieces)
    {
        foreach (var piece in pieces)
        {
            var (on, off) = piece.Kind switch
            {
                InlineKind.Bold => ("\u001b[1m", "\u001b[22m"),
                InlineKind.Italic => ("\u001b[3m", "\u001b[23m"),
                InlineKind.Strike => ("\u001b[9m", "\u001b[29m"),
                InlineKind.Code or InlineKind.Mono => ("\u001b[7m", "\u001b[27m"),
                InlineKind.Link => ("\u001b[4m", "\u001b[24m"),
                _ => ("", ""),
            };
            s.Append(on);
            if (piece.Children.Count > 0)
            {
                AppendTerminal(s, piece.Children);
            }
            else
            {
                s.Append(piece.Text);
            }

            s.Append(off);
        }
    }

    [GeneratedRegex("```([\\s\\S]+?)```")]
    private static partial Regex MonoBlock();

    [GeneratedRegex(@"^(?:(?<quote>> )|(?<number>[0-9]{1,3})\. |[-*•] )")]
    private static partial Regex LinePrefix();

    [GeneratedRegex("`(?<code>[^`\\n]+)`|(?<before>^|[\\s(\\[{\"'])(?<marker>[*_~])(?=\\S)(?<inner>[^\\n]*?\\S)\\k<marker>(?=$|[\\s.,!?;:)\\]}\"'])")]
    private static partial Regex Emphasis();

    [GeneratedRegex("\\b(?:https?://|www\\.)[^\\s<>\"']+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
