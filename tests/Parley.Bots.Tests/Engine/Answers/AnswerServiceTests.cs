using Parley.Bots.Engine.Interactions;
using Parley.Core.Messaging;

namespace Parley.Bots.Tests.Engine.Answers;

public sealed class AnswerServiceTests
{
    private const string Definitions = """
        bot: test
        intents:
          - name: clabe
            examples: { es: [clabe], en: [clabe] }
            answer:
              template: t_clabe
              dataSource: ministries
              match: [name]
              text: "Llama a la oficina, {{customer_name}}."
          - name: broken
            examples: { es: [roto], en: [broken] }
            answer:
              template: t_clabe
              dataSource: broken_source
              text: "Sin datos por ahora."
          - name: fecha
            examples: { es: [fecha], en: [date] }
            answer:
              template: t_fecha
              dataSource: events
              values: { when: "{{starts_at|date}}" }
        templates:
          - name: t_clabe
            language: es
            providerTemplateId: HX123
            parameters: [customer_name, name, clabe]
            body: "{{customer_name}}: la CLABE de {{name}} es {{clabe}}."
          - name: t_fecha
            language: es
            parameters: [event_name, when]
            body: "{{event_name}}: {{when}}"
        dataSources:
          - name: ministries
            query: |-
              SELECT name, clabe FROM demo_ministries
              UNION ALL SELECT 'Ministerio Sin Cuenta', NULL
          - name: broken_source
            query: SELECT nothing FROM no_such_table
          - name: events
            query: SELECT name AS event_name, starts_at FROM demo_events WHERE id = 4
        """;

    [Fact]
    public async Task MissingRequiredParameter_FallsBackToPlainText_AndIsLogged()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.ImportAsync(Definitions);
        var ana = h.Chat(bot: "test");
        await ana.SayAsync("hola");

        (await ana.SayAsync("clabe del ministerio sin cuenta")).ShouldBe(["Llama a la oficina, Ana."]);

        var log = await h.Get<InteractionQueries>().FindByMessageAsync(ana.LastMessageId);
        log!.Template.ShouldBe("t_clabe");
        log.Context.ShouldNotBeNull().ShouldContain("\"missing_parameters\":[\"clabe\"]");
        (await ana.SayAsync("clabe de misiones")).ShouldBe(["Ana: la CLABE de Ministerio de Misiones es 072180009876543213."]);
    }

    [Fact]
    public async Task FailingDataSource_FallsBackToPlainText()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.ImportAsync(Definitions);
        var ana = h.Chat(bot: "test");
        await ana.SayAsync("hola");

        (await ana.SayAsync("roto")).ShouldBe(["Sin datos por ahora."]);

        var log = await h.Get<InteractionQueries>().FindByMessageAsync(ana.LastMessageId);
        log!.Success.ShouldBeTrue();
        log.Context.ShouldNotBeNull().ShouldContain("data_source_error");
    }

    [Fact]
    public async Task Dates_AreWrittenInTheTemplatesLanguage_AndTimeZone()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.ImportAsync(Definitions);
        var ana = h.Chat(bot: "test", settings: new Dictionary<string, string> { ["TimeZone"] = "America/Mexico_City" });
        await ana.SayAsync("hello");

        var answer = (await ana.SayAsync("what is the date")).Single();

        answer.ShouldStartWith("Retiro de Matrimonios: ");
        answer.ShouldContain(" de ");
        answer.ShouldMatch(@"^Retiro de Matrimonios: (lunes|martes|miércoles|jueves|viernes|sábado|domingo) \d{1,2} de \w+ de \d{4}$");
    }

    [Fact]
    public async Task InsideTheWindow_TheRenderedTextGoesOut()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.ImportAsync(Definitions);
        var ana = h.Chat(bot: "test");
        await ana.SayAsync("hola");

        var reply = (await ana.SendAsync("clabe de misiones")).Replies.Single();

        reply.Type.ShouldBe(MessageTypes.Text);
    }

    [Fact]
    public async Task OutsideThe24HourWindow_TheProviderTemplateGoesOut_WithItsParametersInOrder()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.ImportAsync(Definitions);
        var ana = h.Chat(bot: "test");
        await ana.SayAsync("hola");
        ana.LastInboundAt = h.Time.GetUtcNow().AddHours(-25);

        var reply = (await ana.SendAsync("clabe de misiones")).Replies.Single();

        reply.Type.ShouldBe(MessageTypes.Template);
        reply.Template!.Name.ShouldBe("t_clabe");
        reply.Template.ProviderTemplateId.ShouldBe("HX123");
        reply.Template.BodyParameters.ShouldBe(["Ana", "Ministerio de Misiones", "072180009876543213"]);
        reply.Template.RenderedText.ShouldBe("Ana: la CLABE de Ministerio de Misiones es 072180009876543213.");
    }

    [Fact]
    public async Task AlwaysUseTemplates_SendsTheProviderTemplateInsideTheWindowToo()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.ImportAsync(Definitions);
        var ana = h.Chat(bot: "test", settings: new Dictionary<string, string> { ["AlwaysUseTemplates"] = "true" });
        await ana.SayAsync("hola");

        (await ana.SendAsync("clabe de misiones")).Replies.Single().Type.ShouldBe(MessageTypes.Template);
    }
}
