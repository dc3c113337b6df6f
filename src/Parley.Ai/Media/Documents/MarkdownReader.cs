using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Parley.Ai.Media.Documents;

/// <summary>Markdown to plain-text sections with Markdig: headings become the heading path, lists stay together.</summary>
public static class MarkdownReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().Build();

    public static DocumentText Read(string markdown, int maxChars = int.MaxValue)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var sections = new SectionBuilder(maxChars);
        foreach (var block in document)
        {
            if (sections.Full)
            {
                break;
            }

            Visit(block, sections);
        }

        return new DocumentText(DocumentFormats.Markdown, sections.Build()) { Title = sections.FirstHeading };
    }

    private static void Visit(Block block, SectionBuilder sections)
    {
        switch (block)
        {
            case HeadingBlock heading:
                sections.Heading(heading.Level, InlineText(heading.Inline));
                break;
            case ParagraphBlock paragraph:
                sections.Paragraph(InlineText(paragraph.Inline));
                break;
            case ListBlock list:
                sections.Paragraph(ListText(list, 0));
                break;
            case Table table:
                sections.Paragraph(TableText(table));
                break;
            case CodeBlock code:
                sections.Paragraph(string.Join('\n', code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString())));
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Visit(child, sections);
                }

                break;
        }
    }

    private static string ListText(ListBlock list, int depth)
    {
        var lines = new List<string>();
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var bullet = list.IsOrdered ? $"{number++}." : "•";
            var first = true;
            foreach (var child in item)
            {
                if (child is ListBlock nested)
                {
                    lines.Add(ListText(nested, depth + 1));
                    continue;
                }

                var text = child is LeafBlock leaf ? InlineText(leaf.Inline) : "";
                if (text.Length > 0)
                {
                    lines.Add(new string(' ', depth * 2) + (first ? $"{bullet} " : "  ") + text);
                    first = false;
                }
            }
        }

        return string.Join('\n', lines);
    }

    private static string TableText(Table table) =>
        string.Join('\n', table.OfType<TableRow>().Select(row =>
            string.Join(" | ", row.OfType<TableCell>().Select(cell => string.Join(' ', cell.OfType<LeafBlock>().Select(b => InlineText(b.Inline))).Trim()))));

    internal static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return "";
        }

        var builder = new StringBuilder();
        Append(inline, builder);
        return builder.ToString().Trim();
    }

    private static void Append(Inline inline, StringBuilder builder)
    {
        switch (inline)
        {
            case LiteralInline literal:
                builder.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                builder.Append(code.Content);
                break;
            case LineBreakInline:
                builder.Append(' ');
                break;
            case AutolinkInline autolink:
                builder.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                builder.Append(entity.Transcoded.ToString());
                break;
            case HtmlInline:
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(child, builder);
                }

                break;
        }
    }
}
