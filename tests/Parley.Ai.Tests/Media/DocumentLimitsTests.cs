using System.Text;
using Parley.Ai.Media.Documents;
using Parley.Testing.Fakes;

namespace Parley.Ai.Tests.Media;

/// <summary>
/// Each limit of <see cref="DocumentLimits"/> against a file crafted to break it (issue 17, item 1: document bombs).
/// The readers run in this process here, so what is checked is that they stop, and why; the time and memory the
/// server spends on the same files are measured end to end in Parley.Tests (DocumentBombTests).
/// </summary>
public sealed class DocumentLimitsTests
{
    [Fact]
    public async Task Docx_ThatDeclaresHundredsOfMegabytes_IsRefusedBeforeAByteIsInflated()
    {
        var error = await Should.ThrowAsync<DocumentReadException>(() =>
            DocumentReader.ReadAsync(DocumentBombs.DocxInflating(400L * 1024 * 1024), DocumentFormats.Docx, DocumentLimits.Message, CancellationToken.None));

        error.Kind.ShouldBe(DocumentProblem.TooComplex);
        error.Message.ShouldContain("'word/document.xml' declares 419,4");
    }

    [Fact]
    public async Task Docx_WithMoreTextThanItKeeps_StopsReadingThere()
    {
        var limits = DocumentLimits.Message;

        var text = await DocumentReader.ReadAsync(DocumentBombs.DocxInflating(40L * 1024 * 1024), DocumentFormats.Docx, limits, CancellationToken.None);

        text.Chars.ShouldBe(limits.MaxChars);
        text.PlainText(100).ShouldStartWith("All work and no play makes Jack a dull boy.");
    }

    [Fact]
    public async Task Docx_ThatLiesAboutItsSize_IsRefusedOnceItInflatesPastWhatItDeclared()
    {
        var error = await Should.ThrowAsync<DocumentReadException>(() =>
            DocumentReader.ReadAsync(DocumentBombs.DocxLyingAboutItsSize(64L * 1024 * 1024), DocumentFormats.Docx, DocumentLimits.Message, CancellationToken.None));

        error.Kind.ShouldBe(DocumentProblem.TooComplex);
        error.Message.ShouldContain("1,000 bytes it declares");
    }

    [Fact]
    public async Task Docx_WithTooManyEntries_IsRefusedFromItsDirectory()
    {
        var error = await Should.ThrowAsync<DocumentReadException>(() =>
            DocumentReader.ReadAsync(DocumentBombs.DocxWithManyEntries(20_000), DocumentFormats.Docx, DocumentLimits.Message, CancellationToken.None));

        error.Kind.ShouldBe(DocumentProblem.TooComplex);
        error.Message.ShouldContain("more than 2,000 parts");
    }

    [Fact]
    public async Task Docx_WithADtd_IsNotExpanded()
    {
        var error = await Should.ThrowAsync<DocumentReadException>(() =>
            DocumentReader.ReadAsync(DocumentBombs.DocxWithEntityExpansion(), DocumentFormats.Docx, DocumentLimits.Message, CancellationToken.None));

        error.Kind.ShouldBe(DocumentProblem.Corrupt);
        error.Message.ShouldContain("DTD");
    }

    [Fact]
    public async Task Pdf_WhoseContentStreamInflatesWithoutEnd_IsRefusedAtTheInflatedBytesBudget()
    {
        var limits = DocumentLimits.Message with { MaxInflatedBytes = 8L * 1024 * 1024 };

        var error = await Should.ThrowAsync<DocumentReadException>(() =>
            DocumentReader.ReadAsync(DocumentBombs.PdfInflating(64L * 1024 * 1024), DocumentFormats.Pdf, limits, CancellationToken.None));

        error.Kind.ShouldBe(DocumentProblem.TooComplex);
        error.Message.ShouldContain("more than 8 MB when decompressed");
    }

    [Fact]
    public async Task Pdf_WithHundredsOfThousandsOfObjects_IsRefusedBeforeItIsParsed()
    {
        var error = await Should.ThrowAsync<DocumentReadException>(() =>
            DocumentReader.ReadAsync(DocumentBombs.PdfWithManyObjects(250_000), DocumentFormats.Pdf, DocumentLimits.Message, CancellationToken.None));

        error.Kind.ShouldBe(DocumentProblem.TooComplex);
        error.Message.ShouldContain("objects");
    }

    [Fact]
    public async Task Pdf_WithAFewObjects_IsStillRead()
    {
        var text = await DocumentReader.ReadAsync(DocumentBombs.PdfWithManyObjects(1_000), DocumentFormats.Pdf, DocumentLimits.Message, CancellationToken.None);

        text.Sections.Single().Paragraphs.ShouldBe(["hello"]);
    }

    [Fact]
    public async Task Text_LongerThanItKeeps_IsCutAtTheLimit_WithoutReadingTheRest()
    {
        var limits = DocumentLimits.Message with { MaxChars = 1_000 };
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("¿Dónde está la biblioteca?\n\n", 200_000)));

        var text = await DocumentReader.ReadAsync(bytes, DocumentFormats.Text, limits, CancellationToken.None);

        text.Chars.ShouldBe(1_000);
        text.PlainText().ShouldContain("¿Dónde está"); // cut at a character boundary, still read as UTF-8
    }
}
