using Parley.Core.Outbound.Validation;

namespace Parley.Core.Tests.Outbound;

public sealed class TextSplitterTests
{
    [Fact]
    public void Split_ShortText_IsOnePart() => TextSplitter.Split("hola", 1600).ShouldBe(["hola"]);

    [Fact]
    public void Split_AtSentenceBoundary()
    {
        var text = string.Concat(Enumerable.Repeat("This is a sentence. ", 10)).Trim();

        var parts = TextSplitter.Split(text, 50);

        parts.ShouldAllBe(p => p.Length <= 50 && p.EndsWith('.'));
        string.Join(" ", parts).ShouldBe(text);
    }

    [Fact]
    public void Split_AtWordBoundary_WhenNoSentenceEnds()
    {
        var text = string.Join(" ", Enumerable.Repeat("palabra", 40));

        var parts = TextSplitter.Split(text, 60);

        parts.ShouldAllBe(p => p.Length <= 60 && !p.StartsWith(' ') && !p.EndsWith(' '));
        string.Join(" ", parts).ShouldBe(text);
    }

    [Fact]
    public void Split_NeverCutsAnEmojiInHalf()
    {
        var text = string.Concat(Enumerable.Repeat("👨‍👩‍👧", 30));

        var parts = TextSplitter.Split(text, 20);

        parts.ShouldAllBe(p => p.Length <= 20 && !char.IsHighSurrogate(p[p.Length - 1]));
        string.Concat(parts).ShouldBe(text);
    }
}
