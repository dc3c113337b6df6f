using System.Globalization;
using System.Text;
using System.Xml;

namespace Parley.Ai.Media.Documents;

/// <summary>
/// DOCX to sections: paragraphs styled as headings (or with an outline level) start sections. The package is read
/// with <see cref="ZipPackage"/> (entry count and inflated sizes checked before and while reading) and its XML
/// streamed with <see cref="XmlReader"/> (no DTDs, no entities), one paragraph at a time, stopping once the
/// characters kept are there: memory stays at a paragraph, whatever the file inflates to.
/// </summary>
public static class DocxReader
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string WStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string MarkupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    private const string DublinCore = "http://purl.org/dc/elements/1.1/";

    /// <summary>Longest paragraph, table row or style name held while reading, whatever the part holds.</summary>
    private const int MaxHeld = 1024 * 1024;

    public static DocumentText Read(Stream stream) => Read(stream, DocumentLimits.Message, CancellationToken.None);

    /// <exception cref="DocumentReadException">Damaged, encrypted, or over a limit.</exception>
    public static DocumentText Read(Stream stream, DocumentLimits limits, CancellationToken ct)
    {
        var budget = new ReadBudget(limits.MaxInflatedBytes);
        var package = ZipPackage.Open(stream, limits, budget);
        try
        {
            var main = Target(package, "_rels/.rels", "/officeDocument") ?? "word/document.xml";
            if (!package.Contains(main))
            {
                throw new DocumentReadException(DocumentProblem.Corrupt, "The DOCX document has no body.");
            }

            var levels = HeadingLevels(package, Target(package, RelsOf(main), "/styles"));
            var title = CoreTitle(package, Target(package, "_rels/.rels", "/core-properties"));
            var sections = new SectionBuilder(limits.MaxChars);
            var documentTitle = ReadBody(package, main, levels, sections, ct);
            title = string.IsNullOrWhiteSpace(title) ? documentTitle : title;
            return new DocumentText(DocumentFormats.Docx, sections.Build()) { Title = string.IsNullOrWhiteSpace(title) ? sections.FirstHeading : title };
        }
        catch (XmlException ex)
        {
            throw new DocumentReadException(DocumentProblem.Corrupt, "The DOCX document's XML is damaged (or declares a DTD, which Parley does not read).", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentReadException(DocumentProblem.Corrupt, "The DOCX document's compressed data is damaged.", ex);
        }
    }

    /// <summary>The paragraphs and tables of the body, in order; returns the text of the first Title-styled paragraph.</summary>
    private static string? ReadBody(ZipPackage package, string part, Dictionary<string, int> levels, SectionBuilder sections, CancellationToken ct)
    {
        using var stream = package.OpenEntry(part)!;
        using var xml = XmlReader.Create(stream, Settings());
        string? title = null;
        var paragraph = new StringBuilder();
        var cell = new StringBuilder();
        var cells = new List<string>();
        var rows = new List<string>();
        var tableDepth = 0;
        var paragraphDepth = 0;
        var inText = false;
        string? styleId = null;
        int? outline = null;
        var count = 0;
        var held = 0;
        while (!xml.EOF && !sections.Full)
        {
            if (++count % 4096 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (xml.NodeType == XmlNodeType.Element)
            {
                if (IsSkipped(xml))
                {
                    xml.Skip();
                    continue;
                }

                if (IsW(xml))
                {
                    var empty = xml.IsEmptyElement;
                    switch (xml.LocalName)
                    {
                        case "tbl" when !empty:
                            tableDepth++;
                            if (tableDepth == 1 && paragraphDepth == 0)
                            {
                                rows.Clear();
                                held = 0;
                            }

                            break;
                        case "tr" when tableDepth == 1:
                            cells.Clear();
                            break;
                        case "tc" when tableDepth == 1:
                            cell.Clear();
                            break;
                        case "p" when !empty:
                            if (paragraphDepth == 0 && tableDepth == 0)
                            {
                                paragraph.Clear();
                                styleId = null;
                                outline = null;
                                held = 0;
                            }
                            else if (Current().Length > 0)
                            {
                                Current().Append(tableDepth > 0 ? ' ' : '\n');
                            }

                            paragraphDepth++;
                            break;
                        case "pStyle" when paragraphDepth == 1 && tableDepth == 0:
                            styleId = Val(xml);
                            break;
                        case "outlineLvl" when paragraphDepth == 1 && tableDepth == 0:
                            outline = int.TryParse(Val(xml), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : null;
                            break;
                        case "t" when !empty && paragraphDepth > 0:
                            inText = true;
                            break;
                        case "tab" when paragraphDepth > 0:
                            Append(" ");
                            break;
                        case "br" or "cr" when paragraphDepth > 0:
                            Append("\n");
                            break;
                    }
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement && IsW(xml))
            {
                switch (xml.LocalName)
                {
                    case "t":
                        inText = false;
                        break;
                    case "p" when paragraphDepth > 0:
                        paragraphDepth--;
                        if (paragraphDepth == 0 && tableDepth == 0)
                        {
                            var text = paragraph.ToString();
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
                        }

                        break;
                    case "tc" when tableDepth == 1:
                        cells.Add(SectionBuilder.Clean(cell.ToString()));
                        break;
                    case "tr" when tableDepth == 1 && held < MaxHeld:
                        rows.Add(string.Join(" | ", cells));
                        break;
                    case "tbl" when tableDepth > 0:
                        tableDepth--;
                        if (tableDepth == 0)
                        {
                            sections.Paragraph(string.Join('\n', rows));
                        }

                        break;
                }
            }
            else if (inText && xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                Append(xml.Value);
            }

            xml.Read();
        }

        return title;

        StringBuilder Current() => tableDepth > 0 ? cell : paragraph;

        void Append(string text)
        {
            // What is held stays small, however long a paragraph (or a table) the file declares.
            var room = Math.Min(MaxHeld, sections.Room + 1) - held;
            if (room > 0)
            {
                var kept = text.Length > room ? text[..room] : text;
                Current().Append(kept);
                held += kept.Length;
            }
        }
    }

    /// <summary>Style id → heading level (0 for Title), read from the style names so localized ids ("Ttulo1") work too.</summary>
    private static Dictionary<string, int> HeadingLevels(ZipPackage package, string? part)
    {
        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["Title"] = 0,
        };
        for (var i = 1; i <= 9; i++)
        {
            levels[$"Heading{i}"] = i;
        }

        using var stream = part is null ? null : package.OpenEntry(part);
        if (stream is null)
        {
            return levels;
        }

        using var xml = XmlReader.Create(stream, Settings());
        string? id = null;
        string? name = null;
        int? outline = null;
        while (xml.Read())
        {
            if (!IsW(xml))
            {
                continue;
            }

            if (xml.NodeType == XmlNodeType.Element)
            {
                switch (xml.LocalName)
                {
                    case "style":
                        id = xml.GetAttribute("styleId", xml.NamespaceURI);
                        name = null;
                        outline = null;
                        if (xml.IsEmptyElement)
                        {
                            id = null;
                        }

                        break;
                    case "name" when id is not null:
                        name = Val(xml)?.ToLowerInvariant();
                        break;
                    case "outlineLvl" when id is not null:
                        outline = int.TryParse(Val(xml), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : null;
                        break;
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "style" && id is not null)
            {
                if (name == "title")
                {
                    levels[id] = 0;
                }
                else if (name is not null && name.StartsWith("heading ", StringComparison.Ordinal) && int.TryParse(name.AsSpan(8), out var level))
                {
                    levels[id] = level;
                }
                else if (outline is { } o && o < 9)
                {
                    levels[id] = o + 1;
                }

                id = null;
            }
        }

        return levels;
    }

    /// <summary>The document's title from its core properties (<c>dc:title</c>).</summary>
    private static string? CoreTitle(ZipPackage package, string? part)
    {
        using var stream = part is null ? null : package.OpenEntry(part);
        if (stream is null)
        {
            return null;
        }

        using var xml = XmlReader.Create(stream, Settings());
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "title" && xml.NamespaceURI == DublinCore && !xml.IsEmptyElement)
            {
                var title = new StringBuilder();
                while (xml.Read() && xml.NodeType != XmlNodeType.EndElement && title.Length < 1000)
                {
                    if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                    {
                        title.Append(xml.Value);
                    }
                }

                return SectionBuilder.Clean(title.ToString());
            }
        }

        return null;
    }

    /// <summary>The part a relationship of <paramref name="rels"/> points to, by the end of its type (officeDocument, styles...).</summary>
    private static string? Target(ZipPackage package, string rels, string typeSuffix)
    {
        using var stream = package.OpenEntry(rels);
        if (stream is null)
        {
            return null;
        }

        using var xml = XmlReader.Create(stream, Settings());
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.NamespaceURI == Relationships
                && xml.GetAttribute("Type") is { } type && type.EndsWith(typeSuffix, StringComparison.Ordinal)
                && xml.GetAttribute("TargetMode") is null or "Internal" && xml.GetAttribute("Target") is { Length: > 0 } target)
            {
                return Resolve(rels, target);
            }
        }

        return null;
    }

    /// <summary><c>word/_rels/document.xml.rels</c> for <c>word/document.xml</c>.</summary>
    private static string RelsOf(string part)
    {
        var slash = part.LastIndexOf('/');
        return slash < 0 ? $"_rels/{part}.rels" : $"{part[..slash]}/_rels/{part[(slash + 1)..]}.rels";
    }

    /// <summary>A relationship target relative to the folder of the part that owns the relationships (or absolute).</summary>
    private static string Resolve(string rels, string target)
    {
        if (target.StartsWith('/'))
        {
            return target.TrimStart('/');
        }

        // "word/_rels/document.xml.rels" → the owner's folder is "word".
        var relsFolder = rels.Contains('/') ? rels[..rels.LastIndexOf('/')] : "";
        var ownerFolder = relsFolder.EndsWith("_rels", StringComparison.Ordinal) ? relsFolder[..^"_rels".Length].TrimEnd('/') : relsFolder;
        var parts = new List<string>(ownerFolder.Length == 0 ? [] : ownerFolder.Split('/'));
        foreach (var segment in Uri.UnescapeDataString(target).Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                parts.Add(segment);
            }
        }

        return string.Join('/', parts);
    }

    private static bool IsW(XmlReader xml) => xml.NamespaceURI is W or WStrict;

    /// <summary>Deleted text, field instructions and the fallback copy of alternate content are not the document's text.</summary>
    private static bool IsSkipped(XmlReader xml) =>
        (IsW(xml) && xml.LocalName is "delText" or "instrText" or "fldData" or "rPr")
        || (xml.NamespaceURI == MarkupCompatibility && xml.LocalName == "Fallback");

    private static string? Val(XmlReader xml) => xml.GetAttribute("val", xml.NamespaceURI);

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersFromEntities = 1024,
        CloseInput = false,
    };
}
