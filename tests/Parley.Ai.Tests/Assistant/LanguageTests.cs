using Parley.Ai.Assistant;

namespace Parley.Ai.Tests.Assistant;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("hola", "es")]
    [InlineData("¿cómo configuro twilio?", "es")]
    [InlineData("quiero saber el precio", "es")]
    [InlineData("how do I configure Meta?", "en")]
    [InlineData("what is the weather in Paris?", "en")]
    [InlineData("thanks", "en")]
    public void Detect_TellsSpanishFromEnglish(string text, string expected)
    {
        Language.Detect(text).ShouldBe(expected);
    }
}
