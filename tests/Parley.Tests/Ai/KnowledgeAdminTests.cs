using Parley.Core.Knowledge;

namespace Parley.Tests.Ai;

/// <summary>The knowledge base through <see cref="IKnowledgeBaseAdmin"/>, the interface the admin UI uses.</summary>
public sealed class KnowledgeAdminTests
{
    [Fact]
    public async Task Admin_AddsSearchesListsAndRemoves()
    {
        await using var app = await AiTestApp.OfflineAsync();
        var kb = app.Get<IKnowledgeBaseAdmin>();

        var added = await kb.AddAsync("sandbox", null, "returns.md", new MemoryStream("# Returns\n\n## Window\n\nReturns are accepted within 30 days of delivery."u8.ToArray()), CancellationToken.None);

        added.Title.ShouldBe("Returns");
        added.Passages.ShouldBe(1);
        (await kb.ListAsync("sandbox", CancellationToken.None)).ShouldContain(d => d.Id == added.Id && d.Source == "returns.md");
        var hit = (await kb.SearchAsync("sandbox", null, "Can I return something after 30 days?", CancellationToken.None)).First();
        hit.Title.ShouldBe("Returns");
        hit.Heading.ShouldBe("Returns › Window");
        hit.Score.ShouldBeGreaterThan(0.4);
        (await kb.RemoveAsync(added.Id, CancellationToken.None)).ShouldBeTrue();
        (await kb.ListAsync("sandbox", CancellationToken.None)).ShouldNotContain(d => d.Id == added.Id);
    }

    [Fact]
    public async Task Admin_UnreadableFile_IsAnInvalidOperationWithTheReason()
    {
        await using var app = await AiTestApp.OfflineAsync();

        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            app.Get<IKnowledgeBaseAdmin>().AddAsync("", null, "scan.pdf", new MemoryStream(Parley.Testing.Fakes.TestDocuments.ScannedPdf()), CancellationToken.None));

        error.Message.ShouldStartWith("'scan.pdf' has no text (a scanned PDF?)");
    }
}
