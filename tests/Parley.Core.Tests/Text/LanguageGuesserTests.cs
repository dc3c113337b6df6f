using Parley.Core.Text;

namespace Parley.Core.Tests.Text;

public sealed class LanguageGuesserTests
{
    [Theory]
    [InlineData("quiero hacer un donativo", "es")]
    [InlineData("¿dónde es?", "es")]
    [InlineData("BAJA", "es")]
    [InlineData("I want to donate", "en")]
    [InlineData("what is this", "en")]
    [InlineData("STOP", null)]
    [InlineData("ok", null)]
    [InlineData("12345", null)]
    [InlineData("👍", null)]
    [InlineData("", null)]
    public void Guess_TellsSpanishFromEnglish_OrSaysNothing(string text, string? expected)
    {
        LanguageGuesser.Guess(text).ShouldBe(expected);
    }
}
