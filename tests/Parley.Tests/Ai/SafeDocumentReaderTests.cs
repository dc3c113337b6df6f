using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Ai.Media.Documents;

namespace Parley.Tests.Ai;

/// <summary>
/// Documents read in a process of their own, with a memory cap and a time limit (issue 17, item 1: document bombs).
/// Here rather than in Parley.Ai.Tests because the reading process is the host's <c>read-document</c> command
/// (Parley.dll), which only this test project has beside it.
/// </summary>
public sealed class SafeDocumentReaderTests
{
    [Fact]
    public async Task SafeReader_InAProcessOfItsOwn_ReadsADocument_AndReportsItsMemory()
    {
        using var reader = ProcessReader(new DocumentReadingOptions());
        var docx = TestDocuments.Docx((1, "Handbook"), (0, "Twenty days of holidays."));

        var text = await reader.ReadAsync(new MemoryStream(docx), DocumentFormats.Docx, DocumentLimits.Message, CancellationToken.None);

        text.Title.ShouldBe("Handbook");
        text.PlainText().ShouldContain("Twenty days of holidays.");
        reader.LastPeakMemoryBytes.ShouldBeGreaterThan(0, "the reading process answered with its own figures");
    }

    [Fact]
    public async Task SafeReader_ADocumentNeedingMoreThanTheMemoryCap_IsRefused_NotTheServersProblem()
    {
        // 30 MB of Markdown needs well over 64 MB of heap to parse: the reading process runs out, the caller does not.
        using var reader = ProcessReader(new DocumentReadingOptions { MemoryLimitMb = 64, Timeout = TimeSpan.FromMinutes(2) });
        var markdown = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("- *item* with `code` and [a link](http://x)\n", 700_000)));

        var error = await Should.ThrowAsync<DocumentReadException>(() =>
            reader.ReadAsync(new MemoryStream(markdown), DocumentFormats.Markdown, DocumentLimits.Knowledge, CancellationToken.None));

        error.Kind.ShouldBe(DocumentProblem.TooComplex);
    }

    [Fact]
    public async Task SafeReader_ADocumentThatTakesTooLong_IsStoppedAtTheTimeout()
    {
        // A parser's pathology Parley does not know of yet: HTML nested a hundred thousand levels deep.
        using var reader = ProcessReader(new DocumentReadingOptions { Timeout = TimeSpan.FromSeconds(2) });
        var html = Encoding.UTF8.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<div><p>", 100_000)) + "x</body></html>");

        var error = await Should.ThrowAsync<DocumentReadException>(() =>
            reader.ReadAsync(new MemoryStream(html), DocumentFormats.Html, DocumentLimits.Message, CancellationToken.None));

        error.Kind.ShouldBe(DocumentProblem.TooComplex);
    }

    private static SafeDocumentReader ProcessReader(DocumentReadingOptions options)
    {
        options.WorkerAssembly = Path.Combine(AppContext.BaseDirectory, "Parley.dll");
        return new SafeDocumentReader(Options.Create(options), NullLogger<SafeDocumentReader>.Instance);
    }
}
