using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Parley.Testing.Fakes;

/// <summary>Small documents made by the tests themselves: PDFs written with PDFsharp, DOCX with the Open XML SDK.</summary>
public static class TestDocuments
{
    private static readonly System.Threading.Lock FontLock = new();

    /// <summary>A PDF with one page per entry, each line drawn as text (WinAnsi encoding, or Unicode with a ToUnicode map).</summary>
    public static byte[] Pdf(IEnumerable<string[]> pages, bool unicode = false, string? userPassword = null)
    {
        EnsurePdfSharp();
        using var document = new PdfDocument();
        var font = new XFont("Test Sans", 11, XFontStyleEx.Regular, new XPdfFontOptions(unicode ? PdfFontEncoding.Unicode : PdfFontEncoding.Automatic));
        foreach (var lines in pages)
        {
            var page = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(page);
            var y = 60.0;
            foreach (var line in lines)
            {
                graphics.DrawString(line, font, XBrushes.Black, new XPoint(50, y));
                y += 16;
            }
        }

        if (userPassword is not null)
        {
            document.SecuritySettings.UserPassword = userPassword;
            document.SecuritySettings.OwnerPassword = userPassword + "-owner";
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    public static byte[] Pdf(params string[] lines) => Pdf([lines]);

    /// <summary>A PDF whose page holds only drawings — what a scan looks like to a text reader.</summary>
    public static byte[] ScannedPdf()
    {
        EnsurePdfSharp();
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            graphics.DrawRectangle(XBrushes.Gray, new XRect(50, 50, 400, 600));
            graphics.DrawEllipse(XPens.Black, new XRect(100, 100, 200, 100));
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>Starts like a PDF, then is garbage.</summary>
    public static byte[] CorruptPdf() => "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n garbage \u0000\u0001 trailer <<"u8.ToArray();

    /// <summary>A DOCX with headings (Heading1/Heading2 styles) and paragraphs: (level, text), level 0 for body text.</summary>
    public static byte[] Docx(params (int Level, string Text)[] blocks)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new Style(new StyleName { Val = "heading 1" }) { Type = StyleValues.Paragraph, StyleId = "Heading1" },
                new Style(new StyleName { Val = "heading 2" }) { Type = StyleValues.Paragraph, StyleId = "Heading2" });
            var body = new Body();
            foreach (var (level, text) in blocks)
            {
                var paragraph = new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                if (level > 0)
                {
                    paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = $"Heading{level}" }));
                }

                body.Append(paragraph);
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static void EnsurePdfSharp()
    {
        lock (FontLock)
        {
            PdfSharp.PdfSharpLicense.SetAgplLicense();
            GlobalFontSettings.FontResolver ??= new SystemFontResolver();
        }
    }

    /// <summary>Any TrueType font installed on the machine (Debian: fonts-dejavu-core or fonts-liberation).</summary>
    private sealed class SystemFontResolver : IFontResolver
    {
        private static readonly Lazy<byte[]> Font = new(() =>
        {
            string[] preferred = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"];
            var path = preferred.FirstOrDefault(File.Exists)
                ?? (Directory.Exists("/usr/share/fonts") ? Directory.EnumerateFiles("/usr/share/fonts", "*.ttf", SearchOption.AllDirectories).FirstOrDefault() : null)
                ?? throw new InvalidOperationException("The PDF tests need a TrueType font under /usr/share/fonts (apt-get install fonts-dejavu-core).");
            return File.ReadAllBytes(path);
        });

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new("test-sans");

        public byte[]? GetFont(string faceName) => Font.Value;
    }
}
