using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Parley.Ai.Media.Documents;

/// <summary>DOCX to sections with the Open XML SDK: paragraphs styled as headings (or with an outline level) start sections.</summary>
public static class DocxReader
{
    public static DocumentText Read(Stream stream)
    {
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(stream, isEditable: false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or ArgumentException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new DocumentReadException(DocumentProblem.Corrupt, "The file is not a readable DOCX document.", ex);
        }

        using (document)
        {
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new DocumentReadException(DocumentProblem.Corrupt, "The DOCX document has no body.");
            var levels = HeadingLevels(document.MainDocumentPart!.StyleDefinitionsPart);
            var sections = new SectionBuilder();
            string? title = document.PackageProperties.Title;
            foreach (var element in body.Elements())
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        var text = paragraph.InnerText;
                        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
                        var outline = paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value;
                        if (styleId is not null && levels.TryGetValue(styleId, out var level))
                        {
                            title ??= level == 0 ? SectionBuilder.Clean(text) : null;
                            sections.Heading(Math.Max(level, 1), text);
                        }
                        else if (outline is { } o && o < 9)
                        {
                            sections.Heading(o + 1, text);
                        }
                        else
                        {
                            sections.Paragraph(text);
                        }

                        break;
                    case Table table:
                        sections.Paragraph(string.Join('\n', table.Elements<TableRow>().Select(row =>
                            string.Join(" | ", row.Elements<TableCell>().Select(c => SectionBuilder.Clean(c.InnerText))))));
                        break;
                }
            }

            return new DocumentText(DocumentFormats.Docx, sections.Build()) { Title = string.IsNullOrWhiteSpace(title) ? sections.FirstHeading : title };
        }
    }

    /// <summary>Style id → heading level (0 for Title), read from the style names so localized ids ("Ttulo1") work too.</summary>
    private static Dictionary<string, int> HeadingLevels(StyleDefinitionsPart? styles)
    {
        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["Title"] = 0,
        };
        for (var i = 1; i <= 9; i++)
        {
            levels[$"Heading{i}"] = i;
        }

        foreach (var style in styles?.Styles?.Elements<Style>() ?? [])
        {
            var id = style.StyleId?.Value;
            var name = style.StyleName?.Val?.Value?.ToLowerInvariant();
            if (id is null || name is null)
            {
                continue;
            }

            if (name == "title")
            {
                levels[id] = 0;
            }
            else if (name.StartsWith("heading ", StringComparison.Ordinal) && int.TryParse(name.AsSpan(8), out var level))
            {
                levels[id] = level;
            }
            else if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 9)
            {
                levels[id] = outline + 1;
            }
        }

        return levels;
    }
}
