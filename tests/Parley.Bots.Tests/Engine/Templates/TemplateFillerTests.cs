using Parley.Bots.Engine.Templates;

namespace Parley.Bots.Tests.Engine.Templates;

public sealed class TemplateFillerTests
{
    private static readonly TemplateDefinition Event = new("vea_event_info", "es")
    {
        Body = "Hola {{customer_name}}: {{ event_name }} el {{event_date}} en {{event_location}}.",
        Parameters =
        [
            new TemplateParameter("customer_name") { Default = "amigo(a)" },
            new TemplateParameter("event_name"),
            new TemplateParameter("event_date"),
            new TemplateParameter("event_location"),
        ],
    };

    private static Dictionary<string, string?> Values(params (string Key, string? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Render_AllValues_FillsTextAndParametersInOrder()
    {
        var r = TemplateFiller.Render(Event, Values(("customer_name", "Ana"), ("event_name", "Retiro"), ("event_date", "sábado"), ("event_location", "Tepoztlán")));

        r.Complete.ShouldBeTrue();
        r.Text.ShouldBe("Hola Ana: Retiro el sábado en Tepoztlán.");
        r.Parameters.ShouldBe(["Ana", "Retiro", "sábado", "Tepoztlán"]);
    }

    [Fact]
    public void Render_MissingValueWithDefault_UsesTheDefault()
    {
        var r = TemplateFiller.Render(Event, Values(("event_name", "Retiro"), ("event_date", "sábado"), ("event_location", "Tepoztlán")));

        r.Complete.ShouldBeTrue();
        r.Parameters[0].ShouldBe("amigo(a)");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0000\u200B")]
    public void Render_MissingRequiredValue_IsReported(string? date)
    {
        var r = TemplateFiller.Render(Event, Values(("event_name", "Retiro"), ("event_date", date), ("event_location", "Tepoztlán")));

        r.Complete.ShouldBeFalse();
        r.Missing.ShouldBe(["event_date"]);
    }

    [Fact]
    public void Render_OptionalParameter_MayBeEmpty()
    {
        var template = new TemplateDefinition("t", "es") { Body = "A{{x}}B", Parameters = [new TemplateParameter("x") { Required = false }] };

        var r = TemplateFiller.Render(template, Values());

        r.Complete.ShouldBeTrue();
        r.Text.ShouldBe("AB");
    }

    [Fact]
    public void Render_PositionalPlaceholders_UseTheParameterOrder()
    {
        var template = new TemplateDefinition("t", "es") { Body = "{{2}} y {{1}}", Parameters = [new TemplateParameter("a"), new TemplateParameter("b")] };

        TemplateFiller.Render(template, Values(("a", "uno"), ("b", "dos"))).Text.ShouldBe("dos y uno");
    }

    [Fact]
    public void Render_PlaceholderOutsideTheParameters_IsMissingUnlessGiven()
    {
        var template = new TemplateDefinition("t", "es") { Body = "{{a}} {{extra}}", Parameters = [new TemplateParameter("a")] };

        TemplateFiller.Render(template, Values(("a", "x"))).Missing.ShouldBe(["extra"]);
        TemplateFiller.Render(template, Values(("a", "x"), ("extra", "y"))).Text.ShouldBe("x y");
    }

    [Theory]
    [InlineData("line one\nline two", "line one line two")]
    [InlineData("tab\there", "tab here")]
    [InlineData("many      spaces", "many spaces")]
    [InlineData("bell\u0007 and NUL\u0000", "bell and NUL")]
    [InlineData("{{customer_name}}", "{{customer_name}}")]
    [InlineData("'; DROP TABLE templates; --", "'; DROP TABLE templates; --")]
    [InlineData("e\u0301xito", "éxito")]
    public void Render_Values_AreCleanedForTheProvider_AndNeverExpanded(string value, string expected)
    {
        var r = TemplateFiller.Render(Event, Values(("customer_name", value), ("event_name", "E"), ("event_date", "D"), ("event_location", "L")));

        r.Parameters[0].ShouldBe(expected);
        r.Text.ShouldStartWith($"Hola {expected}:");
    }

    [Fact]
    public void Render_LongValue_IsCapped()
    {
        var r = TemplateFiller.Render(Event, Values(("customer_name", new string('a', 5000)), ("event_name", "E"), ("event_date", "D"), ("event_location", "L")));

        r.Parameters[0].Length.ShouldBe(TemplateFiller.MaxValueLength);
    }

    [Fact]
    public void RenderLenient_UnknownPlaceholders_BecomeEmpty_AndLinesAreKept()
    {
        TemplateFiller.RenderLenient("Hola {{name}}{{nobody}}\n¿Todo bien?", Values(("name", "Ana"))).ShouldBe("Hola Ana\n¿Todo bien?");
    }

    [Fact]
    public void Placeholders_AreListedOnce_InOrder()
    {
        TemplateFiller.Placeholders("{{b}} {{a}} {{b}} {{ c|date }} {{2}}").ShouldBe(["b", "a", "c", "2"]);
    }

    [Fact]
    public void ParseParameters_ReadsNamesAndObjects()
    {
        var parameters = TemplateDefinition.ParseParameters("""["a", {"name": "b", "default": "x"}, {"name": "c", "required": false}, 5]""");

        parameters.ShouldBe([new TemplateParameter("a"), new TemplateParameter("b") { Default = "x" }, new TemplateParameter("c") { Required = false }]);
        TemplateDefinition.ParseParameters(TemplateDefinition.SerializeParameters(parameters)).ShouldBe(parameters);
    }

    [Fact]
    public void WindowOpen_Within24Hours_Only()
    {
        var now = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

        var day = TimeSpan.FromHours(24);
        TemplateMessages.WindowOpen(now.AddHours(-23), now, day).ShouldBeTrue();
        TemplateMessages.WindowOpen(now.AddHours(-25), now, day).ShouldBeFalse();
        TemplateMessages.WindowOpen(null, now, day).ShouldBeFalse();
    }
}
