using Parley.Bots.Engine.Templates;

namespace Parley.Bots.Tests.Engine.Templates;

public sealed class TemplateStoreTests
{
    [Fact]
    public void Pick_PrefersTheExactLanguage_ThenTheBaseLanguage_ThenTheAccountsOwn()
    {
        TemplateDefinition T(string language, string account = "") => new("t", language) { AccountId = account };
        var shared = new[] { T("en"), T("es"), T("es_MX") };

        TemplateStore.Pick(shared, "acme", "es_MX")!.Language.ShouldBe("es_MX");
        TemplateStore.Pick(shared, "acme", "es-AR")!.Language.ShouldBe("es");
        TemplateStore.Pick(shared, "acme", "pt")!.Language.ShouldBe("en");
        TemplateStore.Pick([T("es"), T("es", "acme")], "acme", "es")!.AccountId.ShouldBe("acme");
        TemplateStore.Pick([], "acme", "es").ShouldBeNull();
    }
}
