using Parley.Bots.Engine.Interactions;

namespace Parley.Bots.Tests.Engine.Rules;

public sealed class SanitizeRuleTests
{
    [Fact]
    public async Task ControlAndInvisibleCharacters_AreRemovedBeforeMatching()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat();

        var replies = await ana.SayAsync("quiero hacer un dona\u200Btivo\u0000\u202E");

        replies.ShouldContain(r => r.Contains("CLABE", StringComparison.Ordinal));
        var log = await h.Get<InteractionQueries>().FindByMessageAsync(ana.LastMessageId);
        log!.Text.ShouldBe("quiero hacer un donativo");
        log.Intent.ShouldBe("donativos");
    }

    [Fact]
    public async Task LongText_IsCappedAtMaxTextLength()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat(settings: new Dictionary<string, string> { ["MaxTextLength"] = "50" });

        await ana.SayAsync("hola " + new string('x', 5000));

        var log = await h.Get<InteractionQueries>().FindByMessageAsync(ana.LastMessageId);
        log!.Text!.Length.ShouldBeLessThanOrEqualTo(50);
    }
}
