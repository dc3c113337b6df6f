using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Parley.Ai.Media.Documents;

/// <summary>HTML to plain-text sections with AngleSharp: headings, paragraphs, list items, table rows; scripts and navigation dropped.</summary>
public static class HtmlReader
{
    private const string Blocks = "h1,h2,h3,h4,h5,h6,p,li,pre,blockquote,tr,dt,dd,figcaption,caption";

    public static DocumentText Read(string html, int maxChars = int.MaxValue)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var noise in document.QuerySelectorAll("script,style,noscript,template,svg,nav,iframe").ToList())
        {
            noise.Remove();
        }

        var sections = new SectionBuilder(maxChars);
        var body = (IElement?)document.Body ?? document.DocumentElement;
        var blocks = body.QuerySelectorAll(Blocks).ToList();
        var selected = new HashSet<IElement>(blocks);
        foreach (var element in blocks)
        {
            if (sections.Full)
            {
                break;
            }

            // A paragraph inside a list item was read with the item.
            if (element.Ancestors().OfType<IElement>().Any(selected.Contains))
            {
                continue;
            }

            switch (element.LocalName)
            {
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    sections.Heading(element.LocalName[1] - '0', element.TextContent);
                    break;
                case "li":
                    sections.Paragraph("• " + element.TextContent);
                    break;
                case "tr":
                    sections.Paragraph(string.Join(" | ", element.Children.Select(c => SectionBuilder.Clean(c.TextContent))));
                    break;
                default:
                    sections.Paragraph(element.TextContent);
                    break;
            }
        }

        var built = sections.Build();
        if (built.Count == 0 && !string.IsNullOrWhiteSpace(body.TextContent))
        {
            // Text in bare <div>s: keep it as one section rather than lose it.
            var fallback = new SectionBuilder(maxChars);
            fallback.Paragraph(body.TextContent);
            built = fallback.Build();
        }

        var title = document.Title is { Length: > 0 } t ? SectionBuilder.Clean(t) : sections.FirstHeading;
        return new DocumentText(DocumentFormats.Html, built) { Title = title };
    }
}
