using Parley.Formatting;

namespace Parley.Tests.Formatting;

/// <summary>WhatsApp's formatting as the admin shows it: the markers WhatsApp knows, nothing else, and never the sender's HTML.</summary>
public sealed class WhatsAppTextTests
{
    [Theory]
    [InlineData("*bold*", "<strong>bold</strong>")]
    [InlineData("_italic_ and ~gone~", "<em>italic</em> and <s>gone</s>")]
    [InlineData("*bold _and italic_*", "<strong>bold <em>and italic</em></strong>")]
    [InlineData("a `code` b", "a <code>code</code> b")]
    [InlineData("```x = *not bold*\ny```", "<code class=\"mono\">x = *not bold*\ny</code>")]
    [InlineData("> quoted\n> twice\nafter", "<blockquote>quoted\ntwice</blockquote>after")]
    [InlineData("Menu:\n- tea\n* coffee\n• cake", "Menu:<ul><li>tea</li><li>coffee</li><li>cake</li></ul>")]
    [InlineData("1. first\n3. third", "<ol><li value=\"1\">first</li><li value=\"3\">third</li></ol>")]
    [InlineData("see https://example.com/a_b_c.", "see <a href=\"https://example.com/a_b_c\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">https://example.com/a_b_c</a>.")]
    [InlineData("2*3*4 and snake_case_name and * not bold *", "2*3*4 and snake_case_name and * not bold *")]
    [InlineData("(*in brackets*)", "(<strong>in brackets</strong>)")]
    [InlineData("line one\n\nline three", "line one\n\nline three")]
    public void Html_RendersWhatWhatsAppRenders(string text, string html) => WhatsAppText.Html(text).ShouldBe(html);

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("*<img src=x onerror=alert(1)>*", "<strong>&lt;img src=x onerror=alert(1)&gt;</strong>")]
    [InlineData("javascript:alert(1)", "javascript:alert(1)")]
    [InlineData("https://x.test/\"onmouseover=\"alert(1)", "<a href=\"https://x.test/\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">https://x.test/</a>&quot;onmouseover=&quot;alert(1)")]
    [InlineData("`</code><b>x</b>`", "<code>&lt;/code&gt;&lt;b&gt;x&lt;/b&gt;</code>")]
    public void Html_NeverLetsTheSendersMarkupThrough(string text, string html) => WhatsAppText.Html(text).ShouldBe(html);

    [Fact]
    public void Plain_DropsTheMarkers_ForPreviews()
    {
        WhatsAppText.Plain("*Hola* _Ana_,\n- uno\n- dos\n```code```").ShouldBe("Hola Ana, • uno • dos code");
        WhatsAppText.Plain("a long message that goes on", 10).ShouldBe("a long me…");
    }

    [Fact]
    public void Terminal_UsesAnsiStyles_AndKeepsListsReadable()
    {
        WhatsAppText.Terminal("*Hi* there\n- one").ShouldBe("\u001b[1mHi\u001b[22m there\n• one");
    }
}
