using Parley.Bots.Engine.Interactions;

namespace Parley.Bots.Tests.Engine.Rules;

public sealed class AccessRulesTests
{
    private static readonly Dictionary<string, string> AllowAna = new() { ["AllowList"] = "+1 555 000 1111, +15550002222" };

    [Fact]
    public async Task AllowList_ListedNumber_IsServed()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat(settings: AllowAna, waId: "15550001111");

        var replies = await ana.SayAsync("quiero hacer un donativo");

        replies.ShouldContain(r => r.Contains("CLABE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AllowList_OtherNumber_GetsTheNoticeOnce_ThenNothing()
    {
        await using var h = await EngineHarness.StartAsync();
        var settings = new Dictionary<string, string>(AllowAna) { ["AllowListNotice"] = "Este número solo atiende a miembros registrados." };
        var stranger = h.Chat(settings: settings, waId: "15559990000");

        (await stranger.SayAsync("hola")).ShouldBe(["Este número solo atiende a miembros registrados."]);
        (await stranger.SayAsync("quiero hacer un donativo")).ShouldBeEmpty();
        (await stranger.SayAsync("ayuda")).ShouldBeEmpty();
    }

    [Fact]
    public async Task AllowList_WithoutNotice_OtherNumberGetsNothing()
    {
        await using var h = await EngineHarness.StartAsync();
        var stranger = h.Chat(settings: AllowAna, waId: "15559990000");

        (await stranger.SayAsync("hola")).ShouldBeEmpty();
        // Core's allow-list rule stopped it: the bot never saw the message.
        (await h.Get<InteractionQueries>().FindByMessageAsync(stranger.LastMessageId)).ShouldBeNull();
    }

    [Fact]
    public async Task AllowList_IndexedEntries_AndTheContactsAllowedFlag_AreServed()
    {
        await using var h = await EngineHarness.StartAsync();
        var settings = new Dictionary<string, string> { ["AllowList:0"] = "+15550003333", ["AllowListEnabled"] = "true" };
        var listed = h.Chat(settings: settings, waId: "15550003333");
        var flagged = h.Chat(settings: settings, waId: "15550004444");
        flagged.Contact = flagged.Contact with { Allowed = true };
        var other = h.Chat(settings: settings, waId: "15550005555");

        (await listed.SayAsync("hola")).ShouldNotBeEmpty();
        (await flagged.SayAsync("hola")).ShouldNotBeEmpty();
        (await other.SayAsync("hola")).ShouldBeEmpty();
    }

    [Fact]
    public async Task BlockList_AndBlockedFlag_GetNothing()
    {
        await using var h = await EngineHarness.StartAsync();
        var settings = new Dictionary<string, string> { ["BlockList"] = "+15550006666" };
        var listed = h.Chat(settings: settings, waId: "15550006666");
        var flagged = h.Chat(settings: settings, waId: "15550007777");
        flagged.Contact = flagged.Contact with { Blocked = true };

        (await listed.SayAsync("quiero hacer un donativo")).ShouldBeEmpty();
        (await flagged.SayAsync("quiero hacer un donativo")).ShouldBeEmpty();
        (await h.Chat(settings: settings, waId: "15550008888").SayAsync("hola")).ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("STOP", "ALTA")]
    [InlineData("stop", "ALTA")]
    [InlineData("Baja", "ALTA")]
    [InlineData("CANCELAR", "ALTA")]
    [InlineData("unsubscribe.", "START")]
    public async Task OptOutWord_ConfirmsOnce_ThenSilence(string word, string optInWord)
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();
        await ana.SayAsync("hola");

        var result = await ana.SendAsync(word);

        result.OptedOut.ShouldBe(true);
        Conversation.Texts(result).ShouldHaveSingleItem().ShouldContain(optInWord, Case.Sensitive);
        (await ana.SayAsync("quiero hacer un donativo")).ShouldBeEmpty();
        (await ana.SayAsync(word)).ShouldBeEmpty();
    }

    [Fact]
    public async Task OptInWord_AfterOptOut_ResumesAnswers()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();
        await ana.SendAsync("BAJA");

        var result = await ana.SendAsync("ALTA");

        result.OptedOut.ShouldBe(false);
        Conversation.Texts(result).ShouldHaveSingleItem().ShouldContain("de vuelta");
        (await ana.SayAsync("quiero hacer un donativo")).ShouldContain(r => r.Contains("CLABE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OptOutWord_InsideASentence_DoesNotOptOut()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();

        var result = await ana.SendAsync("no quiero cancelar mi donativo");

        result.OptedOut.ShouldBeNull();
        Conversation.Texts(result).ShouldContain(r => r.Contains("CLABE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OptOutWords_AreConfigurablePerAccount()
    {
        await using var h = await EngineHarness.StartAsync();
        var settings = new Dictionary<string, string> { ["OptOutWords"] = "SALIR, PARAR", ["OptInWords"] = "VOLVER" };
        var ana = h.Chat(settings: settings);

        (await ana.SendAsync("STOP")).OptedOut.ShouldBeNull();
        var stopped = await ana.SendAsync("parar");
        stopped.OptedOut.ShouldBe(true);
        Conversation.Texts(stopped).Single().ShouldContain("VOLVER");
        (await ana.SendAsync("volver")).OptedOut.ShouldBe(false);
    }

    [Fact]
    public async Task OptOut_WorksEvenDuringTakeover()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();
        ana.State = "human";

        var result = await ana.SendAsync("STOP");

        result.OptedOut.ShouldBe(true);
        result.Replies.Count.ShouldBe(1);
    }
}
