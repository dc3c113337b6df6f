using Dapper;
using Parley.Bots.Engine.DataSources;
using Parley.Bots.Engine.Definitions;
using Parley.Bots.Engine.Import;
using Parley.Bots.Engine.Templates;
using Parley.Core.Storage;

namespace Parley.Bots.Tests.Engine.Import;

public sealed class BotDefinitionImporterTests
{
    private const string Hello = """
        bot: test
        intents:
          - name: saludo_formal
            priority: 1
            examples:
              es: [buen día tenga usted]
              en: [good day to you]
            answer:
              template: formal
        templates:
          - name: formal
            language: es
            parameters: [customer_name]
            body: "Muy buen día, {{customer_name}}."
        dataSources:
          - name: count_events
            query: SELECT COUNT(*) AS n FROM demo_events WHERE name <> @message_text
            parameters: [message_text]
        """;

    [Fact]
    public async Task ImportAsync_ValidFile_WritesEverything_AndTheBotUsesItAtOnce()
    {
        await using var h = await EngineHarness.StartAsync();

        var summary = await h.ImportAsync(Hello);

        summary.ShouldBe(new ImportSummary("test", "", 1, 1, 1, 0));
        (await h.Chat(bot: "test").SayAsync("buen dia tenga usted")).Last().ShouldBe("Muy buen día, Ana.");
        (await h.Get<DataSourceStore>().FindAsync("acme", "count_events"))!.Parameters.ShouldBe(["message_text"]);
    }

    [Fact]
    public async Task ImportAsync_ForOneAccount_OnlyThatAccountSeesIt()
    {
        await using var h = await EngineHarness.StartAsync();

        await h.ImportAsync(Hello, account: "vip");

        (await h.Chat(bot: "test", accountId: "vip").SayAsync("good day to you")).Last().ShouldBe("Muy buen día, Ana.");
        (await h.Chat(bot: "test", accountId: "acme").SayAsync("good day to you")).Last().ShouldStartWith("I did not understand");
    }

    [Fact]
    public async Task ImportAsync_ChangedAnswer_ReplacesTheOldOne()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.ImportAsync(Hello);

        await h.ImportAsync(Hello.Replace("Muy buen día", "Excelente día", StringComparison.Ordinal));

        (await h.Chat(bot: "test").SayAsync("buen dia tenga usted")).Last().ShouldBe("Excelente día, Ana.");
    }

    [Fact]
    public async Task BuiltInImport_NeverOverwritesWhatAPersonChanged()
    {
        await using var h = await EngineHarness.StartAsync();
        var edited = """
            bot: ministry
            templates:
              - name: vea_request_received
                language: es
                parameters: [customer_name, request_summary]
                body: "Recibido, {{customer_name}}: {{request_summary}}"
            """;
        await h.ImportAsync(edited);

        await h.ImportBuiltInAsync(h.Get<Parley.Bots.Ministry.MinistryBot>());

        var template = await h.Get<TemplateStore>().FindAsync("acme", "vea_request_received", "es");
        template!.Body.ShouldBe("Recibido, {{customer_name}}: {{request_summary}}");
        template.Source.ShouldBe("import");
    }

    [Fact]
    public async Task ImportAsync_EveryProblemIsListed_AndNothingIsWritten()
    {
        await using var h = await EngineHarness.StartAsync();
        var bad = """
            bot: test
            intents:
              - name: a
                examples: {}
                answer: { template: nowhere, dataSource: nothing }
              - name: a
                examples: { es: [hola] }
                threshold: 2
            templates:
              - name: t
                language: es
                parameters: [x]
                body: "{{x}} {{y}} {{3}}"
            dataSources:
              - name: d
                query: SELECT * FROM demo_events; DELETE FROM demo_events
              - name: e
                query: SELECT * FROM demo_events WHERE name = @text
            """;

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => h.ImportAsync(bad));

        ex.Message.ShouldContain("intent 'a' is defined more than once");
        ex.Message.ShouldContain("'examples' needs at least one language");
        ex.Message.ShouldContain("'threshold' must be between 0 and 1");
        ex.Message.ShouldContain("the body uses {{y}}");
        ex.Message.ShouldContain("the body uses {{3}}");
        ex.Message.ShouldContain("single statement");
        ex.Message.ShouldContain("uses @text, which is not in 'parameters'");
        await using var c = await h.Get<Database>().OpenAsync();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM templates WHERE name = 't'")).ShouldBe(0);
    }

    [Fact]
    public async Task ImportAsync_UnknownReferences_AreListed()
    {
        await using var h = await EngineHarness.StartAsync();
        var bad = """
            bot: test
            intents:
              - name: a
                examples: { es: [hola] }
                answer: { template: nowhere, dataSource: nothing }
            """;

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => h.ImportAsync(bad));

        ex.Message.ShouldContain("template 'nowhere' is neither in this file nor in the database");
        ex.Message.ShouldContain("data source 'nothing' is neither in this file nor in the database");
    }

    [Fact]
    public async Task ImportAsync_UnknownOrEchoBot_IsRefused()
    {
        await using var h = await EngineHarness.StartAsync();

        (await Should.ThrowAsync<InvalidOperationException>(() => h.ImportAsync("bot: nobody"))).Message.ShouldContain("bot 'nobody' is not registered");
        (await Should.ThrowAsync<InvalidOperationException>(() => h.ImportAsync("intents: []"))).Message.ShouldContain("'bot' is required");
    }

    [Fact]
    public void Parse_UnknownKey_NamesTheLineAndColumn()
    {
        var ex = Should.Throw<InvalidOperationException>(() => BotDefinitionImporter.Parse("bot: test\nintents:\n  - name: a\n    exampels: {}\n", "my.yaml"));

        ex.Message.ShouldStartWith("my.yaml:4:5:");
        ex.Message.ShouldContain("exampels");
    }

    [Fact]
    public async Task ExampleFile_ImportsCleanly()
    {
        await using var h = await EngineHarness.StartAsync();
        var path = Path.Combine(RepositoryRoot(), "examples", "ministry.yaml");

        var summary = await h.Get<BotDefinitionImporter>().ImportFileAsync(path, null);

        summary.ShouldBe(new ImportSummary("ministry", "", 4, 4, 3, 0));
        (await h.Get<IntentStore>().ListAsync("ministry")).Select(i => i.Name).ShouldBe(["donativos", "eventos", "ministerio", "general"]);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (Parley.slnx) was not found.");
    }

    [Fact]
    public async Task ImportAsync_ADataSourceThatReadsParleysTables_IsImportedWithAWarning()
    {
        await using var h = await EngineHarness.StartAsync();

        var summary = await h.ImportAsync("""
            bot: test
            dataSources:
              - name: operators
                query: SELECT email, password_hash FROM operators WHERE email = @message_text
                parameters: [message_text]
              - name: events
                query: SELECT name FROM demo_events
            """);

        summary.DataSources.ShouldBe(2);
        summary.Warnings.ShouldHaveSingleItem().ShouldContain("Data source 'operators' was refused: it reads 'operators'");
    }
}
