using Parley.Bots.Engine.Sessions;

namespace Parley.Bots.Tests.Engine.Stages;

public sealed class SessionStageTests
{
    [Fact]
    public async Task FirstMessage_StartsASession_WithAGreetingBeforeTheAnswer()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();

        var replies = await ana.SayAsync("quiero hacer un donativo");

        replies.Count.ShouldBe(2);
        replies[0].ShouldStartWith("¡Hola Ana! 👋");
        replies[1].ShouldContain("CLABE");
    }

    [Fact]
    public async Task WithinTheTimeout_TheSessionContinues_WithoutAGreeting()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();
        await ana.SayAsync("hola");
        var first = BotSession.Parse(ana.Session, "ministry")!;

        h.Time.Advance(TimeSpan.FromMinutes(29));
        var replies = await ana.SayAsync("quiero hacer un donativo");

        replies.ShouldHaveSingleItem().ShouldContain("CLABE");
        BotSession.Parse(ana.Session, "ministry")!.Id.ShouldBe(first.Id);
    }

    [Fact]
    public async Task AfterTheIdleTimeout_ANewSessionStarts_WithAGreeting_AndTheFlowIsForgotten()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();
        await ana.SayAsync("necesito ayuda");
        var first = BotSession.Parse(ana.Session, "ministry")!;
        first.Flow.ShouldNotBeNull();

        h.Time.Advance(TimeSpan.FromMinutes(31));
        var replies = await ana.SayAsync("quiero hacer un donativo");

        replies.Count.ShouldBe(2);
        replies[0].ShouldStartWith("¡Hola Ana!");
        replies[1].ShouldContain("CLABE");
        var second = BotSession.Parse(ana.Session, "ministry")!;
        second.Id.ShouldNotBe(first.Id);
        second.Flow.ShouldBeNull();
    }

    [Fact]
    public async Task SessionTimeout_IsConfigurablePerAccount()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat(settings: new Dictionary<string, string> { ["SessionTimeout"] = "00:05:00" });
        await ana.SayAsync("hola");

        h.Time.Advance(TimeSpan.FromMinutes(6));

        (await ana.SayAsync("quiero hacer un donativo"))[0].ShouldStartWith("¡Hola");
    }

    [Fact]
    public async Task Session_KeepsLanguage_LastIntent_AndRecentHistory()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();
        await ana.SayAsync("quiero hacer un donativo");
        await ana.SayAsync("info del evento noche de alabanza");

        var session = BotSession.Parse(ana.Session, "ministry")!;
        session.Language.ShouldBe("es");
        session.LastIntent.ShouldBe("eventos");
        session.History.Select(t => t.Intent).ShouldBe(["donativos", "eventos"]);
        session.History[1].In.ShouldBe("info del evento noche de alabanza");
    }

    [Fact]
    public async Task AnotherBotsSession_IsNotRead()
    {
        BotSession.Parse("""{"version":1,"bot":"other","id":"x"}""", "ministry").ShouldBeNull();
        BotSession.Parse("not json", "ministry").ShouldBeNull();
        BotSession.Parse(null, "ministry").ShouldBeNull();
        BotSession.Parse("""{"version":1,"bot":"ministry","id":"x"}""", "ministry")!.Id.ShouldBe("x");
    }
}
