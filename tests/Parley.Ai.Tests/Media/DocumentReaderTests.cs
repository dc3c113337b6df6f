using System.Text;
using Parley.Ai.Knowledge;
using Parley.Ai.Media.Documents;
using Parley.Testing.Fakes;

namespace Parley.Ai.Tests.Media;

public sealed class DocumentReaderTests
{
    [Fact]
    public async Task Pdf_WrittenWithPdfSharp_IsReadPageByPage()
    {
        var pdf = TestDocuments.Pdf([["Lease agreement", "The rent is due on the 5th day of each month."], ["Page two: the deposit is one month of rent."]]);

        var text = await Read(pdf, "lease.pdf");

        text.Format.ShouldBe(DocumentFormats.Pdf);
        text.Pages.ShouldBe(2);
        text.Sections.Select(s => s.HeadingPath).ShouldBe(["p. 1", "p. 2"]);
        text.PlainText().ShouldContain("The rent is due on the 5th day of each month.");
        text.PlainText().ShouldContain("the deposit is one month of rent");
    }

    [Fact]
    public async Task Pdf_WithUnicodeFonts_IsDecodedThroughItsToUnicodeMap()
    {
        var pdf = TestDocuments.Pdf([["Contrato: el pago vence el día 5 — €120", "Второй абзац"]], unicode: true);

        var text = await Read(pdf, "contrato.pdf");

        text.PlainText().ShouldContain("el pago vence el día 5 — €120");
        text.PlainText().ShouldContain("Второй абзац");
    }

    [Fact]
    public async Task Pdf_WithoutText_IsEmpty()
    {
        var text = await Read(TestDocuments.ScannedPdf(), "scan.pdf");

        text.IsEmpty.ShouldBeTrue();
        text.Pages.ShouldBe(1);
    }

    [Fact]
    public async Task Pdf_Corrupt_IsAClearProblem()
    {
        var error = await Should.ThrowAsync<DocumentReadException>(() => Read(TestDocuments.CorruptPdf(), "broken.pdf"));

        error.Kind.ShouldBe(DocumentProblem.Corrupt);
    }

    [Fact]
    public async Task Pdf_WithPassword_IsAClearProblem()
    {
        var pdf = TestDocuments.Pdf([["secret"]], userPassword: "1234");

        var error = await Should.ThrowAsync<DocumentReadException>(() => Read(pdf, "locked.pdf"));

        error.Kind.ShouldBe(DocumentProblem.Encrypted);
    }

    [Fact]
    public async Task Docx_KeepsHeadingsAsThePath()
    {
        var docx = TestDocuments.Docx((1, "Employee handbook"), (0, "Welcome to the team."), (2, "Holidays"), (0, "You have 20 days of holidays a year."), (2, "Expenses"), (0, "Keep every receipt."));

        var text = await Read(docx, "handbook.docx");

        text.Format.ShouldBe(DocumentFormats.Docx);
        text.Title.ShouldBe("Employee handbook");
        text.Sections.Select(s => s.HeadingPath).ShouldBe(["Employee handbook", "Employee handbook › Holidays", "Employee handbook › Expenses"]);
        text.Sections[1].Paragraphs.ShouldBe(["You have 20 days of holidays a year."]);
    }

    [Fact]
    public async Task Docx_Corrupt_IsAClearProblem()
    {
        var bytes = Encoding.UTF8.GetBytes("PK\u0003\u0004 this is not a zip");

        (await Should.ThrowAsync<DocumentReadException>(() => Read(bytes, "broken.docx"))).Kind.ShouldBe(DocumentProblem.Corrupt);
    }

    [Fact]
    public async Task Markdown_KeepsHeadingsListsAndTables()
    {
        var markdown = """
            # Guide

            Intro with **bold** and a [link](https://example.com).

            ## Steps

            1. First step
            2. Second step
               - nested detail

            | Plan | Price |
            |------|-------|
            | Basic | $10 |
            """;

        var text = await Read(Encoding.UTF8.GetBytes(markdown), "guide.md");

        text.Title.ShouldBe("Guide");
        text.Sections[0].Paragraphs.ShouldBe(["Intro with bold and a link."]);
        text.Sections[1].HeadingPath.ShouldBe("Guide › Steps");
        text.Sections[1].Paragraphs[0].ShouldBe("1. First step\n2. Second step\n• nested detail");
        text.Sections[1].Paragraphs[1].ShouldBe("Plan | Price\nBasic | $10");
    }

    [Fact]
    public async Task Html_DropsScriptsAndNavigation()
    {
        var html = "<html><head><title>Help</title><script>var x = 'hidden';</script></head><body><nav>Home | Shop</nav><h1>Help</h1><p>Call us.</p><ul><li>By phone</li><li>By <b>email</b></li></ul></body></html>";

        var text = await Read(Encoding.UTF8.GetBytes(html), "help.html");

        text.Title.ShouldBe("Help");
        text.PlainText().ShouldNotContain("hidden");
        text.PlainText().ShouldNotContain("Shop");
        text.Sections.ShouldHaveSingleItem().Paragraphs.ShouldBe(["Call us.", "• By phone", "• By email"]);
    }

    [Fact]
    public void Formats_AreDetectedByContentFirst()
    {
        DocumentFormats.Detect("notes.txt", "text/plain", "%PDF-1.4"u8).ShouldBe(DocumentFormats.Pdf);
        DocumentFormats.Detect("a.docx", null, "PK"u8).ShouldBe(DocumentFormats.Docx);
        DocumentFormats.Detect("a.MD", null, "# x"u8).ShouldBe(DocumentFormats.Markdown);
        DocumentFormats.Detect("page", "text/html; charset=utf-8", "<html"u8).ShouldBe(DocumentFormats.Html);
        DocumentFormats.Detect("archive.zip", "application/zip", "PK"u8).ShouldBeNull();
    }

    [Fact]
    public void Chunker_KeepsPassagesUnderTheirHeadings_AndSplitsLongSections()
    {
        var longParagraph = string.Join(' ', Enumerable.Repeat("This sentence is part of a long section about shipping times.", 40));
        var document = new DocumentText(DocumentFormats.Markdown, [
            new DocumentSection(["Guide", "Short"], ["One paragraph."]),
            new DocumentSection(["Guide", "Long"], [longParagraph]),
        ]);

        var passages = Chunker.Split(document);

        passages[0].Heading.ShouldBe("Guide › Short");
        passages.Skip(1).ShouldAllBe(p => p.Heading == "Guide › Long" && p.Text.Length <= Chunker.MaxChars);
        passages.Count.ShouldBeGreaterThan(2);
        passages.Select(p => p.Ordinal).ShouldBe(Enumerable.Range(0, passages.Count));
    }

    private static Task<DocumentText> Read(byte[] bytes, string name) =>
        DocumentReader.ReadAsync(bytes, DocumentFormats.Detect(name, null, bytes.AsSpan(0, Math.Min(8, bytes.Length)))!, CancellationToken.None);
}
