namespace Parley.Tests.Ai;

/// <summary>Several short messages in a row are answered together, once, after the burst delay.</summary>
public sealed class BurstTests
{
    private const string Ana = "+15550005555";

    [Fact]
    public async Task ThreeQuickMessages_MakeOneModelCallHoldingAllThree_AndGetOneReply()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        await using var app = await AiTestApp.WithOpenAiAsync(fake, extra: new Dictionary<string, string?> { ["Parley:Ai:BurstDelay"] = "00:00:03" });

        await app.Sandbox.SendAsync(Ana, "hi");
        await app.Sandbox.SendAsync(Ana, "I have a question");
        var last = await app.Sandbox.SendAsync(Ana, "how do I configure Meta?");
        await Processing.WaitAsync(app, last);

        var thread = await app.Sandbox.ThreadAsync(Ana);
        thread.Where(m => m.Direction == "outbound").ShouldHaveSingleItem().Text!.ShouldStartWith("Fake answer to: how do I configure Meta?");
        var request = fake.ChatRequests.ShouldHaveSingleItem();
        request.Messages.Count.ShouldBe(1);
        request.LastUser.ShouldBe("<user_message>\nhi\n</user_message>\n<user_message>\nI have a question\n</user_message>\n<user_message>\nhow do I configure Meta?\n</user_message>");
    }

    [Fact]
    public async Task Offline_ABurstIsAnsweredOnceToo()
    {
        await using var app = await AiTestApp.OfflineAsync(extra: new Dictionary<string, string?> { ["Parley:Ai:BurstDelay"] = "00:00:03" });

        await app.Sandbox.SendAsync(Ana, "hello");
        var last = await app.Sandbox.SendAsync(Ana, "how do I run the tests?");
        await Processing.WaitAsync(app, last);

        var reply = (await app.Sandbox.ThreadAsync(Ana)).Where(m => m.Direction == "outbound").ShouldHaveSingleItem();
        reply.Text!.ShouldContain("Getting started › Running the tests");
    }

    [Fact]
    public async Task MessagesAfterAReply_StartANewTurn_WithThePreviousOneInMemory()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        await using var app = await AiTestApp.WithOpenAiAsync(fake);

        await app.Sandbox.SendAsync(Ana, "How do I configure Meta?");
        await app.Sandbox.WaitForRepliesAsync(Ana, 1);
        await app.Sandbox.SendAsync(Ana, "and the webhook URL?");
        await app.Sandbox.WaitForRepliesAsync(Ana, 2);

        var second = fake.ChatRequests[1];
        second.Messages.Select(m => m.Role).ShouldBe(["user", "assistant", "user"]);
        second.LastUser.ShouldBe("<user_message>\nand the webhook URL?\n</user_message>");
    }
}
