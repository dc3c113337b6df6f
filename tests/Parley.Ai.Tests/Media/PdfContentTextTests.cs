using System.Text;
using Parley.Ai.Media.Documents;

namespace Parley.Ai.Tests.Media;

/// <summary>The streaming reader of a page's text operators, fed a few bytes at a time to cross every buffer boundary.</summary>
public sealed class PdfContentTextTests
{
    private const string Content =
        "q 1 0 0 1 0 0 cm /F1 12 Tf Q 0 0 m 10 10 l S BT 72 720 Td (Hello \\(world\\)) Tj 0 -14 Td [(A) -250 (B)] TJ ET " +
        "BI /W 1 /H 1 ID xBTx EI BT (\\101\\102) Tj ET % a comment with BT (Z) Tj\n BT <4344> Tj ET";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(65536)]
    public void TextOperators_AreRead_WhateverTheReadSizes(int chunk)
    {
        // Drawing operators before the text push it past the first buffer.
        var bytes = Encoding.Latin1.GetBytes(string.Concat(Enumerable.Repeat("0 0 m 1 1 l S\n", 6000)) + Content);
        var text = new StringBuilder();
        var reader = new PdfContentText(new Dictionary<string, PdfFontDecoder> { ["/F1"] = PdfFontDecoder.Default }, text, 1000);

        reader.Read(new Trickle(bytes, chunk), CancellationToken.None);

        text.ToString().ShouldBe("Hello (world)\nA BABCD");
    }

    [Fact]
    public void Reading_StopsAtTheCharactersItKeeps()
    {
        var bytes = Encoding.Latin1.GetBytes(string.Concat(Enumerable.Repeat("BT (abcdefghij) Tj ET\n", 100_000)));
        var text = new StringBuilder();
        var stream = new Trickle(bytes, 4096);
        var reader = new PdfContentText(new Dictionary<string, PdfFontDecoder>(), text, 25);

        reader.Read(stream, CancellationToken.None);

        text.ToString().ShouldBe("abcdefghijabcdefghijabcde");
        stream.Position.ShouldBeLessThan(bytes.Length / 100, "the rest of the stream was not read");
    }

    /// <summary>A stream that gives at most <paramref name="chunk"/> bytes per read.</summary>
    private sealed class Trickle(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
