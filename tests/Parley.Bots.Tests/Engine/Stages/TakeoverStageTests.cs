using Parley.Bots.Engine.Interactions;

namespace Parley.Bots.Tests.Engine.Stages;

public sealed class TakeoverStageTests
{
    [Fact]
    public async Task TakenOver_TheBotIsSilent_AndKeepsTheSession()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();
        await ana.SayAsync("hola");
        ana.State = "human";

        var result = await ana.SendAsync("quiero hacer un donativo");

        result.Replies.ShouldBeEmpty();
        result.Session.ShouldBeNull();
        result.ConversationState.ShouldBeNull();
        (await h.Get<InteractionQueries>().FindByMessageAsync(ana.LastMessageId))!.Route.ShouldBe("takeover");
    }

    [Fact]
    public async Task HandedBack_TheBotAnswersAgain()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();
        ana.State = "human";
        (await ana.SayAsync("hola")).ShouldBeEmpty();

        ana.State = "bot";

        (await ana.SayAsync("quiero hacer un donativo")).ShouldContain(r => r.Contains("CLABE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASkill_CanHandTheConversationToAnOperator()
    {
        await using var h = await EngineHarness.StartAsync();
        var bob = h.Chat(bot: TestBot.BotName);

        var result = await bob.SendAsync("operator");

        result.ConversationState.ShouldBe("human");
        (await bob.SayAsync("hello?")).ShouldBeEmpty();
    }
}
