using Parley.Bots.Engine.Interactions;
using Parley.Bots.Engine.Sessions;
using Parley.Core.Messaging;

namespace Parley.Bots.Tests.Engine.Stages;

public sealed class RoutingStageTests
{
    [Fact]
    public async Task ActiveFlow_GetsTheMessageBeforeCommands()
    {
        await using var h = await EngineHarness.StartAsync();
        var bob = h.Chat(bot: TestBot.BotName);
        await bob.SayAsync("quiz");

        // "help" is a command, but the quiz is waiting for an answer.
        (await bob.SayAsync("help")).ShouldBe(["Try again (attempt 1)."]);
        (await bob.SayAsync("five")).ShouldBe(["Try again (attempt 2)."]);
        (await bob.SayAsync("4")).ShouldBe(["Correct!"]);
        BotSession.Parse(bob.Session, TestBot.BotName)!.Flow.ShouldBeNull();
        (await bob.SayAsync("help"))[0].ShouldStartWith("I can help you with");
    }

    [Fact]
    public async Task Flow_ThatPasses_LetsCommandsAnswer_AndStaysActive()
    {
        await using var h = await EngineHarness.StartAsync();
        var bob = h.Chat(bot: TestBot.BotName);
        await bob.SayAsync("quiz");

        var replies = await bob.SayAsync("pass");

        replies.ShouldBe(["I did not understand, type *help* to see what I can do."]);
        BotSession.Parse(bob.Session, TestBot.BotName)!.Flow!.Name.ShouldBe("quiz");
        (await h.Get<InteractionQueries>().FindByMessageAsync(bob.LastMessageId))!.Route.ShouldBe("fallback");
    }

    [Fact]
    public async Task Reset_EndsTheFlow_AndTheSession()
    {
        await using var h = await EngineHarness.StartAsync();
        var bob = h.Chat(bot: TestBot.BotName);
        await bob.SayAsync("quiz");
        var before = BotSession.Parse(bob.Session, TestBot.BotName)!;

        (await bob.SayAsync("reset")).ShouldBe(["Done, let's start over. Type *help* to see what I can do."]);

        var after = BotSession.Parse(bob.Session, TestBot.BotName)!;
        after.Flow.ShouldBeNull();
        after.Id.ShouldNotBe(before.Id);
    }

    [Fact]
    public async Task Fallback_SpeaksTheContactsLanguage()
    {
        await using var h = await EngineHarness.StartAsync();

        (await h.Chat(waId: "15550000001").SayAsync("xyzzy plugh")).Last().ShouldBe("No entendí tu mensaje, escribe *ayuda* para ver lo que puedo hacer.");
        (await h.Chat(waId: "15550000002").SayAsync("what is the weather like")).Last().ShouldBe("I did not understand, type *help* to see what I can do.");
    }

    [Fact]
    public async Task Menu_IsAListOfTheBotsTopics_AndAChosenRowIsItsIntent()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();
        await ana.SayAsync("hola");

        var menu = (await ana.SendAsync("menú")).Replies.Single();
        menu.Type.ShouldBe(MessageTypes.Interactive);
        menu.Interactive!.Sections!.Single().Rows.Select(r => r.Id).ShouldBe(["donativos", "ministerio", "eventos", "general"]);

        var chosen = Conversation.Texts(await ana.ChooseAsync("eventos", "Eventos"));
        chosen.ShouldHaveSingleItem().ShouldContain("Te esperamos en *Noche de Alabanza*");
    }

    [Fact]
    public async Task Help_ListsTheMenuTopics()
    {
        await using var h = await EngineHarness.StartAsync();

        var help = (await h.Chat().SayAsync("ayuda")).Last();

        help.ShouldStartWith("Puedo ayudarte con:");
        help.ShouldContain("*Donativos*");
        help.ShouldContain("*Eventos*");
    }

    [Fact]
    public async Task AFailingSkill_AnswersWithAnApology_AndIsLoggedAsAnError()
    {
        await using var h = await EngineHarness.StartAsync();
        var bob = h.Chat(bot: TestBot.BotName);
        await bob.SayAsync("hello");

        var result = await bob.SendAsync("boom");

        Conversation.Texts(result).ShouldBe(["Sorry, something went wrong on our side. Please try again in a moment."]);
        var log = await h.Get<InteractionQueries>().FindByMessageAsync(bob.LastMessageId);
        log!.Success.ShouldBeFalse();
        log.Route.ShouldBe("error");
        log.Error.ShouldBe("InvalidOperationException: the skill failed on purpose");
    }

    [Fact]
    public async Task AccountTexts_OverrideTheBotAndTheEngine()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat(settings: new Dictionary<string, string> { ["Texts:es:fallback"] = "Perdón, {{customer_name}}, no te entendí." });

        (await ana.SayAsync("xyzzy")).Last().ShouldBe("Perdón, Ana, no te entendí.");
    }
}
