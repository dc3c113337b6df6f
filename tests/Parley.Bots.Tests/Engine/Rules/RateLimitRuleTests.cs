using Parley.Bots.Engine.Interactions;

namespace Parley.Bots.Tests.Engine.Rules;

public sealed class RateLimitRuleTests
{
    [Fact]
    public async Task BurstOf25_AnswersTen_SendsOneNotice_ThenSilence()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();
        var answered = 0;
        var notices = new List<string>();
        var silent = 0;

        for (var i = 0; i < 25; i++)
        {
            var replies = await ana.SayAsync("quiero hacer un donativo");
            if (replies.Any(r => r.Contains("CLABE", StringComparison.Ordinal)))
            {
                answered++;
            }
            else if (replies.Count > 0)
            {
                notices.AddRange(replies);
            }
            else
            {
                silent++;
            }

            h.Time.Advance(TimeSpan.FromMilliseconds(500));
        }

        answered.ShouldBe(10);
        notices.ShouldHaveSingleItem().ShouldContain("Espera un minuto");
        silent.ShouldBe(14);
        // Core's rule stopped the other fifteen before the bot: the engine logged only what it answered.
        var logged = await h.Get<InteractionQueries>().ListAsync(new InteractionQuery { Limit = 100 });
        logged.Items.Count.ShouldBe(10);
    }

    [Fact]
    public async Task AfterTheWindowPasses_TheContactIsAnsweredAgain()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat(settings: new Dictionary<string, string> { ["RateLimit:Messages"] = "3", ["RateLimit:Window"] = "30" });
        for (var i = 0; i < 5; i++)
        {
            await ana.SayAsync("hola");
        }

        (await ana.SayAsync("hola")).ShouldBeEmpty();
        h.Time.Advance(TimeSpan.FromSeconds(31));

        (await ana.SayAsync("hola")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task ZeroMessages_TurnsTheLimitOff()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat(settings: new Dictionary<string, string> { ["RateLimit:Messages"] = "0" });

        for (var i = 0; i < 30; i++)
        {
            (await ana.SayAsync("hola")).ShouldNotBeEmpty();
        }
    }

    [Fact]
    public async Task DuringTakeover_TheNoticeIsNotSent()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat(settings: new Dictionary<string, string> { ["RateLimit:Messages"] = "2" });
        ana.State = "human";

        for (var i = 0; i < 5; i++)
        {
            (await ana.SayAsync("hola")).ShouldBeEmpty();
        }
    }
}
