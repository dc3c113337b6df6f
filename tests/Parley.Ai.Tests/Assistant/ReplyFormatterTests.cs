using Parley.Ai.Assistant;

namespace Parley.Ai.Tests.Assistant;

public sealed class ReplyFormatterTests
{
    [Fact]
    public void Split_KeepsShortAnswersWhole()
    {
        ReplyFormatter.Split("Short answer.").ShouldHaveSingleItem().Text.ShouldBe("Short answer.");
    }

    [Fact]
    public void Split_CutsLongAnswersAtParagraphs_WithinWhatsAppsLimit()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("word", 300));
        var parts = ReplyFormatter.Split(string.Join("\n\n", Enumerable.Repeat(paragraph, 4)));

        parts.Length.ShouldBe(2);
        parts.ShouldAllBe(p => p.Text!.Length <= ReplyFormatter.MaxMessageLength);
    }

    [Fact]
    public void Split_NeverSendsMoreThanThreeMessages()
    {
        var parts = ReplyFormatter.Split(string.Join("\n\n", Enumerable.Repeat(new string('x', 3000), 10)));

        parts.Length.ShouldBe(ReplyFormatter.MaxMessages);
        parts[^1].Text!.ShouldEndWith("…");
        parts.ShouldAllBe(p => p.Text!.Length <= ReplyFormatter.MaxMessageLength);
    }
}
