namespace Parley.Bots.Tests.Engine.Skills;

/// <summary>How the ministry bot behaves in a conversation (issue 16): thanks get a polite answer, it greets once per session, one "hi" keeps Spanish.</summary>
public sealed class ConversationMannersTests
{
    [Theory]
    [InlineData("gracias")]
    [InlineData("Muchas gracias 🙏")]
    [InlineData("ok gracias!")]
    public async Task Thanks_GetAPoliteAnswer_NotIDidNotUnderstand(string thanks)
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();
        await ana.SayAsync("quiero hacer un donativo");

        var reply = (await ana.SayAsync(thanks)).ShouldHaveSingleItem();

        reply.ShouldBe("¡Con gusto! 😊 ¿Hay algo más en lo que te pueda ayudar?");
    }

    [Fact]
    public async Task AGreeting_IsGivenOncePerSession()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();

        var first = await ana.SayAsync("hola");
        var again = await ana.SayAsync("hola");
        var answer = await ana.SayAsync("quiero hacer un donativo");

        first.ShouldHaveSingleItem().ShouldStartWith("¡Hola Ana! 👋 Bienvenido(a) a *Ministerios VEA*");
        again.ShouldHaveSingleItem().ShouldStartWith("¡Hola de nuevo, Ana!");
        answer.ShouldAllBe(r => !r.Contains("Bienvenido", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OneHi_DoesNotSwitchASpanishConversationToEnglish()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();
        await ana.SayAsync("quiero hacer un donativo");

        await ana.SayAsync("hi");
        var after = await ana.SayAsync("menu");

        after.ShouldHaveSingleItem().ShouldBe("¿En qué te puedo ayudar?");
    }
}
