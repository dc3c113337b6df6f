using Parley.Ai.Knowledge;

namespace Parley.Ai.Tests.Knowledge;

public sealed class TextAnalyzerTests
{
    [Theory]
    [InlineData("configure", "configuring", "configured", "configuration", "configuración", "configurar", "configuro")]
    [InlineData("message", "messages")]
    [InlineData("mensaje", "mensajes")]
    [InlineData("abre", "abren")]
    [InlineData("garden", "gardens")]
    [InlineData("ubicados", "ubicación")]
    [InlineData("cost", "costs", "costo")]
    [InlineData("policy", "policies")]
    [InlineData("price", "prices", "pricing")]
    public void Terms_InflectionsInBothLanguages_MeetAtOneStem(params string[] words)
    {
        var stems = words.Select(w => TextAnalyzer.Terms(w).ShouldHaveSingleItem()).ToList();

        stems.Distinct().Count().ShouldBe(1, string.Join(", ", stems));
    }

    [Fact]
    public void Terms_DropStopAndQuestionWords_AndFoldAccents()
    {
        TextAnalyzer.Terms("¿Cómo configuro el número de teléfono?").ShouldBe(["configur", "numer", "telefon"]);
        TextAnalyzer.Terms("How do I configure the phone number?").ShouldBe(["configur", "phon", "numb"]);
        TextAnalyzer.Terms("Do you ship internationally?").ShouldBe(["ship", "international"]);
    }

    [Fact]
    public void Tokens_SplitCamelCase_AndKeepTheWhole()
    {
        TextAnalyzer.Tokens("PhoneNumberId").ShouldBe(["phone", "number", "id", "phonenumberid"]);
    }

    [Fact]
    public void Fold_RemovesDiacritics()
    {
        TextAnalyzer.Fold("Árbol Ñandú über").ShouldBe("arbol nandu uber");
    }
}
