using Parley.Channels.Sandbox;
using Parley.Core.Contacts;
using Parley.Core.Conversations;
using Parley.Tests.Ai;

namespace Parley.Tests.Bots;

/// <summary>
/// Every rule against every built-in bot, through the whole pipeline (sandbox intake, worker, Core's rules, bot, queue):
/// the rules live in one place in Core, so no bot can skip them. Regression guard for issue 16, where the default
/// assistant answered blocked contacts because only the engine's bots ran the rules.
/// </summary>
public sealed class BotRulesMatrixTests(BotRulesMatrixFixture fixture) : IClassFixture<BotRulesMatrixFixture>
{
    public static TheoryData<string> Bots => new(BotRulesMatrixFixture.Bots);

    private TestApp App => fixture.App;

    [Theory, MemberData(nameof(Bots))]
    public async Task ABlockedContact_GetsNoReply(string bot)
    {
        var sandbox = App.SandboxFor($"{bot}-rules");
        var chats = fixture.Model.ChatRequests.Count;

        await SayAsync(sandbox, BotRulesMatrixFixture.BlockedNumber, "hola, ¿me ayudas con un donativo?");

        (await OutboundAsync(sandbox, BotRulesMatrixFixture.BlockedNumber)).ShouldBe(0);
        fixture.Model.ChatRequests.Count.ShouldBe(chats, "the model must not be asked for a blocked contact");
    }

    [Theory, MemberData(nameof(Bots))]
    public async Task AContactFlaggedBlocked_GetsNoReply(string bot)
    {
        var sandbox = App.SandboxFor($"{bot}-rules");
        const string Ana = "+15550002001";
        await SayAsync(sandbox, Ana, "hola");
        var before = await OutboundAsync(sandbox, Ana);
        before.ShouldBeGreaterThan(0);
        var contact = await App.Get<ContactDirectory>().FindAsync($"{bot}-rules", "15550002001");
        await App.Get<ContactDirectory>().SetAsync(contact!.Id, ContactFlag.Blocked, true);

        await SayAsync(sandbox, Ana, "hola otra vez");

        (await OutboundAsync(sandbox, Ana)).ShouldBe(before);
    }

    [Theory, MemberData(nameof(Bots))]
    public async Task AllowList_AStrangerGetsTheNoticeOnce_AListedContactIsServed(string bot)
    {
        var sandbox = App.SandboxFor($"{bot}-allow");
        const string Stranger = "+15550002002";

        await SayAsync(sandbox, Stranger, "hola");
        await SayAsync(sandbox, Stranger, "menu");
        await SayAsync(sandbox, BotRulesMatrixFixture.AllowedNumber, "menu");

        (await RepliesAsync(sandbox, Stranger)).Select(r => r.Text).ShouldBe([BotRulesMatrixFixture.Notice]);
        (await RepliesAsync(sandbox, BotRulesMatrixFixture.AllowedNumber)).ShouldNotBeEmpty();
    }

    [Theory, MemberData(nameof(Bots))]
    public async Task RateLimit_ThreeAnswered_ThenOneNotice_ThenSilence(string bot)
    {
        var sandbox = App.SandboxFor($"{bot}-rules");
        const string Ana = "+15550002003";
        var counts = new List<int>();

        for (var i = 0; i < 5; i++)
        {
            await SayAsync(sandbox, Ana, $"menu {i}");
            counts.Add(await OutboundAsync(sandbox, Ana));
        }

        counts[2].ShouldBeGreaterThanOrEqualTo(3);
        counts[3].ShouldBe(counts[2] + 1);
        (await RepliesAsync(sandbox, Ana)).Last().Text.ShouldBe("You are sending messages faster than I can answer. Please wait a minute and try again.");
        counts[4].ShouldBe(counts[3]);
    }

    [Theory, MemberData(nameof(Bots))]
    public async Task Sanitizer_InvisibleAndControlCharacters_AreGoneBeforeTheBotReads(string bot)
    {
        var sandbox = App.SandboxFor($"{bot}-rules");
        const string Ana = "+15550002004";

        await SayAsync(sandbox, Ana, "me\u200Bnu\u0007");

        (await RepliesAsync(sandbox, Ana)).ShouldContain(r => r.Type == "interactive", "the bot read 'menu' and answered with its menu");
    }

    [Theory, MemberData(nameof(Bots))]
    public async Task OptOut_StopsEveryReply_UntilOptIn(string bot)
    {
        var sandbox = App.SandboxFor($"{bot}-rules");
        const string Ana = "+15550002005";
        await SayAsync(sandbox, Ana, "hello");

        await SayAsync(sandbox, Ana, "STOP");
        var afterStop = await RepliesAsync(sandbox, Ana);
        afterStop.Last().Text.ShouldBe("You will not receive any more messages from us. Send START to subscribe again.");
        await SayAsync(sandbox, Ana, "hello?");
        (await RepliesAsync(sandbox, Ana)).Count.ShouldBe(afterStop.Count);

        await SayAsync(sandbox, Ana, "START");
        (await RepliesAsync(sandbox, Ana)).Last().Text!.ShouldStartWith("Welcome back!");
        await SayAsync(sandbox, Ana, "menu");
        (await RepliesAsync(sandbox, Ana)).Last().Type.ShouldBe("interactive");
    }

    [Theory, MemberData(nameof(Bots))]
    public async Task Takeover_TheBotIsSilent_UntilHandedBack(string bot)
    {
        var sandbox = App.SandboxFor($"{bot}-rules");
        const string Ana = "+15550002006";
        await SayAsync(sandbox, Ana, "hola");
        var conversation = await App.Get<ConversationQueries>().FindIdAsync($"{bot}-rules", "15550002006");
        await App.Get<ConversationTakeover>().TakeOverAsync(conversation!.Value);
        var before = await OutboundAsync(sandbox, Ana);

        await SayAsync(sandbox, Ana, "menu");
        (await OutboundAsync(sandbox, Ana)).ShouldBe(before);

        await App.Get<ConversationTakeover>().HandBackAsync(conversation.Value);
        await SayAsync(sandbox, Ana, "menu");
        (await OutboundAsync(sandbox, Ana)).ShouldBeGreaterThan(before);
    }

    [Theory, MemberData(nameof(Bots))]
    public async Task SessionTimeout_ANewSessionStartsAfterTheIdleTime(string bot)
    {
        var sandbox = App.SandboxFor($"{bot}-rules");
        var ana = $"+1555000201{Array.IndexOf(BotRulesMatrixFixture.Bots, bot)}";

        await SayAsync(sandbox, ana, "hello, my name is Ana");
        await SayAsync(sandbox, ana, "what is my name?");
        var within = fixture.Model.ChatRequests.LastOrDefault();
        var repliesWithin = await RepliesAsync(sandbox, ana);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await SayAsync(sandbox, ana, "what is my name?");
        var replies = await RepliesAsync(sandbox, ana);

        if (bot == "assistant")
        {
            // The memory ends with the session: the model sees the earlier messages within it and none after it.
            within!.AllText.ShouldContain("my name is Ana");
            var after = fixture.Model.ChatRequests.Last();
            after.Messages.Count.ShouldBe(1);
            after.AllText.ShouldNotContain("my name is Ana");
        }
        else
        {
            // The engine and echo bots greet at the start of each session, and only then.
            Greetings(repliesWithin).ShouldBe(1);
            Greetings(replies).ShouldBe(2);
        }
    }

    private static int Greetings(List<SandboxMessageView> replies) =>
        replies.Count(r => r.Text is { } t && (t.StartsWith("Hi", StringComparison.Ordinal) || t.StartsWith("¡Hola", StringComparison.Ordinal)) && t.Contains("👋", StringComparison.Ordinal));

    private async Task SayAsync(SandboxClient sandbox, string from, string text)
    {
        var id = await sandbox.SendAsync(from, text, name: "Ana");
        await Processing.WaitAsync(App, id);
    }

    private static async Task<List<SandboxMessageView>> RepliesAsync(SandboxClient sandbox, string contact) =>
        (await sandbox.ThreadAsync(contact)).Where(m => m.Direction == "outbound").ToList();

    private static async Task<int> OutboundAsync(SandboxClient sandbox, string contact) => (await RepliesAsync(sandbox, contact)).Count;
}
