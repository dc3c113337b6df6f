using Parley.Core.Templates;

namespace Parley.Core.Tests.Templates;

public sealed class TemplateRendererTests
{
    [Fact]
    public void Render_Positional_FillsInOrder()
    {
        var r = TemplateRenderer.Render("Hola {{1}}, tu pedido {{2}} llega el {{3}}.", ["Ana", "A-1", "lunes"], null);

        r.Text.ShouldBe("Hola Ana, tu pedido A-1 llega el lunes.");
        r.Complete.ShouldBeTrue();
        r.Placeholders.ShouldBe(["1", "2", "3"]);
    }

    [Fact]
    public void Render_Named_WithSpacesInsideBraces_AndRepeats()
    {
        var r = TemplateRenderer.Render("Hi {{ first_name }}! Bye {{first_name}}.", null, new Dictionary<string, string> { ["first_name"] = "Ana" });

        r.Text.ShouldBe("Hi Ana! Bye Ana.");
        r.Placeholders.ShouldBe(["first_name"]);
    }

    [Fact]
    public void Render_Missing_StaysAsWritten_AndUnusedIsReported()
    {
        var r = TemplateRenderer.Render("{{1}} and {{2}}", ["one"], new Dictionary<string, string> { ["extra"] = "x" });

        r.Text.ShouldBe("one and {{2}}");
        r.Complete.ShouldBeFalse();
        r.Missing.ShouldBe(["2"]);
        r.Unused.ShouldBe(["extra"]);
    }

    [Fact]
    public void Render_ValuesAreNotRenderedAgain()
    {
        // A value that looks like a placeholder is text, not a second round of substitution.
        var r = TemplateRenderer.Render("{{1}} {{2}}", ["{{2}}", "b"], null);

        r.Text.ShouldBe("{{2}} b");
    }

    [Fact]
    public void OrderedValues_PutsNamedValuesInPlaceholderOrder()
    {
        TemplateRenderer.OrderedValues("{{b}} then {{a}}", null, new Dictionary<string, string> { ["a"] = "A", ["b"] = "B" }).ShouldBe(["B", "A"]);
        TemplateRenderer.OrderedValues("{{1}}", ["x"], null).ShouldBe(["x"]);
    }
}
