using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Parley.Testing.Fakes;

/// <summary>
/// Files crafted to exhaust a reader, made by the tests themselves (nothing binary is shipped): a few hundred
/// kilobytes each, within every upload limit, inflating to hundreds of megabytes or parsing into millions of objects.
/// </summary>
public static class DocumentBombs
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>
    /// A DOCX whose body inflates to <paramref name="inflatedBytes"/> of short paragraphs (deflate's best ratio is about
    /// 1,000:1): with text, or empty formatted paragraphs that give a reader no text to stop at.
    /// </summary>
    public static byte[] DocxInflating(long inflatedBytes = 400L * 1024 * 1024, bool text = true) =>
        Docx(body =>
        {
            var paragraph = Encoding.UTF8.GetBytes(text
                ? "<w:p><w:r><w:t>" + string.Concat(Enumerable.Repeat("ha ", 300)) + "</w:t></w:r></w:p>"
                : string.Concat(Enumerable.Repeat("<w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr></w:r></w:p>", 10)));
            if (text)
            {
                body.Write("<w:p><w:r><w:t>All work and no play makes Jack a dull boy.</w:t></w:r></w:p>"u8);
            }

            for (long written = 0; written < inflatedBytes; written += paragraph.Length)
            {
                body.Write(paragraph);
            }
        });

    /// <summary>
    /// The same bomb, but its zip headers declare the body as 1,000 bytes (a reader that trusts the declared size is
    /// fooled; the inflated bytes must be counted as they come).
    /// </summary>
    public static byte[] DocxLyingAboutItsSize(long inflatedBytes = 400L * 1024 * 1024)
    {
        var zip = DocxInflating(inflatedBytes, text: false);
        var name = "word/document.xml"u8;
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50 && zip.AsSpan(i + 30).StartsWith(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), 1000); // local header: uncompressed size
            }
            else if (signature == 0x02014b50 && zip.AsSpan(i + 46).StartsWith(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), 1000); // central directory: uncompressed size
            }
        }

        return zip;
    }

    /// <summary>A DOCX of <paramref name="entries"/> empty parts besides a one-line body: a zip directory too long to parse.</summary>
    public static byte[] DocxWithManyEntries(int entries = 150_000)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteDocxShell(zip, body => body.Write("<w:p><w:r><w:t>hello</w:t></w:r></w:p>"u8));
            for (var i = 0; i < entries; i++)
            {
                zip.CreateEntry("customXml/x" + i.ToString(CultureInfo.InvariantCulture), CompressionLevel.NoCompression);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A DOCX whose body declares an entity that expands a billion times ("billion laughs").</summary>
    public static byte[] DocxWithEntityExpansion()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteDocxShell(zip, null);
            var entities = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
            for (var i = 1; i <= 9; i++)
            {
                entities.Append(CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">");
            }

            entities.Append(CultureInfo.InvariantCulture, $"]><w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>");
            using var body = zip.CreateEntry("word/document.xml").Open();
            body.Write(Encoding.UTF8.GetBytes(entities.ToString()));
        }

        return stream.ToArray();
    }

    /// <summary>A one-page PDF whose content stream inflates to <paramref name="inflatedBytes"/> of drawing operators (no text to stop at).</summary>
    public static byte[] PdfInflating(long inflatedBytes = 256L * 1024 * 1024)
    {
        using var content = new MemoryStream();
        using (var z = new ZLibStream(content, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var ops = "0 0 m\n"u8.ToArray();
            var block = new byte[ops.Length * 4096];
            for (var i = 0; i < 4096; i++)
            {
                ops.CopyTo(block, i * ops.Length);
            }

            for (long written = 0; written < inflatedBytes; written += block.Length)
            {
                z.Write(block);
            }
        }

        return Pdf(content.ToArray(), extraObjects: 0);
    }

    /// <summary>A one-page PDF with <paramref name="objects"/> tiny objects besides: millions of things for a parser to build.</summary>
    public static byte[] PdfWithManyObjects(int objects = 400_000)
    {
        using var content = new MemoryStream();
        using (var z = new ZLibStream(content, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write("BT /F1 12 Tf 72 720 Td (hello) Tj ET\n"u8);
        }

        return Pdf(content.ToArray(), objects);
    }

    /// <summary>Catalog, pages, one page with Helvetica and the given (FlateDecode) content, then the extra objects, with a correct xref.</summary>
    private static byte[] Pdf(byte[] flateContent, int extraObjects)
    {
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        Write("%PDF-1.4\n%\u00e2\u00e3\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        offsets.Add(pdf.Position);
        Write($"4 0 obj\n<< /Length {flateContent.Length} /Filter /FlateDecode >>\nstream\n");
        pdf.Write(flateContent);
        Write("\nendstream\nendobj\n");
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        for (var i = 0; i < extraObjects; i++)
        {
            Object("null");
        }

        var xref = pdf.Position;
        var table = new StringBuilder().Append(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        Write(table.ToString());
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static byte[] Docx(Action<Stream> writeBody)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteDocxShell(zip, writeBody);
        }

        return stream.ToArray();
    }

    /// <summary>The parts every DOCX has; the body when <paramref name="writeBody"/> is given (between the body's tags).</summary>
    private static void WriteDocxShell(ZipArchive zip, Action<Stream>? writeBody)
    {
        Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
        Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
        if (writeBody is null)
        {
            return;
        }

        using var body = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
        body.Write(Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{W}\"><w:body>"));
        writeBody(body);
        body.Write("</w:body></w:document>"u8);
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
