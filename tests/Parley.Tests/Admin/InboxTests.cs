using Parley.Core.Conversations;
using Parley.Core.Messaging;
using Parley.Core.Outbound.Sending;
using Parley.Core.Statistics;
using Parley.Tests.Api;

namespace Parley.Tests.Admin;

/// <summary>What the inbox and the dashboard read: the order operators answer in, who holds a conversation, the last 24 hours.</summary>
public sealed class InboxTests
{
    private const string Ana = "+15550006001";
    private const string Bo = "+15550006002";
    private const string Cy = "+15550006003";

    [Theory, SqliteData, PostgresData]
    public async Task TheInbox_PutsTheContactWhoWroteLastFirst_AndRepliesDoNotMoveAConversation(DatabaseKind kind)
    {
        // Regression (issue 20): the inbox was sorted by one time and showed another; replies must not reorder it.
        await using var app = await TestApp.StartAsync(kind);
        var echo = app.SandboxFor("echo");
        await echo.SendAsync(Ana, "first", name: "Ana");
        await echo.WaitForRepliesAsync(Ana, 2);
        await echo.SendAsync(Bo, "second", name: "Bo");
        await echo.WaitForRepliesAsync(Bo, 2);
        await echo.SendAsync(Ana, "again");
        await echo.WaitForRepliesAsync(Ana, 3);

        // The newest message of all is a reply to Bo, and Cy was only ever written to: neither moves up.
        (await SendAsync(app, Bo, MessageContent.FromText("An agent's answer"), "agent")).ShouldBeOfType<SendOutcome.Accepted>();
        await ApiSeed.TemplateAsync(app, "hello_there", "en", "Hello {{1}}");
        (await SendAsync(app, Cy, new MessageContent { Type = MessageTypes.Template, Template = new TemplateContent("hello_there", "en") { BodyParameters = ["Cy"] } }, "api"))
            .ShouldBeOfType<SendOutcome.Accepted>();

        var queries = app.Get<ConversationQueries>();
        var inbox = await queries.InboxAsync(new ConversationFilter(), null, 10);

        inbox.Items.Select(c => c.Contact.Phone).ShouldBe([Ana, Bo, Cy]);
        var anaLast = (await echo.ThreadAsync(Ana)).Last(m => m.Direction == "inbound").CreatedAt;
        inbox.Items[0].LastInboundAt.ShouldBe(anaLast);
        inbox.Items[2].LastInboundAt.ShouldBeNull();
        inbox.Next.ShouldBeNull();

        // One at a time, the cursor continues in the same order.
        var seen = new List<string?>();
        string? after = null;
        do
        {
            var page = await queries.InboxAsync(new ConversationFilter(), after, 1);
            seen.AddRange(page.Items.Select(c => c.Contact.Phone));
            after = page.Next;
        }
        while (after is not null);

        seen.ShouldBe([Ana, Bo, Cy]);
    }

    [Theory, SqliteData, PostgresData]
    public async Task TakenOver_OnlyOnceAPersonAnswers_WaitingForAPersonBefore(DatabaseKind kind)
    {
        // Regression (issue 20): a conversation where the contact asked for a person was labelled "taken over".
        await using var app = await TestApp.StartAsync(kind, new Dictionary<string, string?> { ["Parley:Ai:BurstDelay"] = "00:00:00" });
        await app.Sandbox.SendAsync(Ana, "talk to a person", name: "Ana");
        await app.Sandbox.WaitForRepliesAsync(Ana, 1);
        var echo = app.SandboxFor("echo");
        await echo.SendAsync(Bo, "hello", name: "Bo");
        await echo.WaitForRepliesAsync(Bo, 2);
        var queries = app.Get<ConversationQueries>();
        var takeover = app.Get<ConversationTakeover>();

        var asked = (await queries.InboxAsync(new ConversationFilter { AccountId = "sandbox" }, null, 5)).Items.Single();
        asked.PausedForPerson.ShouldBeTrue();
        asked.HeldByOperator.ShouldBeFalse();

        var bo = (await queries.InboxAsync(new ConversationFilter { AccountId = "echo" }, null, 5)).Items.Single();
        await takeover.TakeOverAsync(bo.Id, "ana@example.com");
        bo = (await queries.FindAsync(bo.Id))!;
        (bo.PausedForPerson, bo.HeldByOperator).ShouldBe((true, false)); // taken, but nobody has answered yet

        (await SendAsync(app, Bo, MessageContent.FromText("Hi Bo, Ana here."), "agent", "echo")).ShouldBeOfType<SendOutcome.Accepted>();
        (await queries.FindAsync(bo.Id))!.HeldByOperator.ShouldBeTrue();

        var live = await app.Get<ActivityQueries>().SnapshotAsync(TimeSpan.FromHours(24));
        (live.WaitingForPerson, live.HeldByPeople).ShouldBe((1, 1));

        await takeover.HandBackAsync(bo.Id, "ana@example.com");
        var back = (await queries.FindAsync(bo.Id))!;
        (back.PausedForPerson, back.HeldByOperator).ShouldBe((false, false));
    }

    [Theory, SqliteData, PostgresData]
    public async Task TheLiveSnapshot_CountsEveryMinute_ReplyTimes_AndEachAccount(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        var echo = app.SandboxFor("echo");
        await echo.SendAsync(Ana, "one", name: "Ana");
        await echo.WaitForRepliesAsync(Ana, 2);
        await echo.WaitAsync(Ana, t => t.Where(m => m.Direction == "outbound").All(m => m.Status == "read"));

        var live = await app.Get<ActivityQueries>().SnapshotAsync(TimeSpan.FromHours(24));

        live.PerMinute.Count.ShouldBeInRange(1440, 1441);
        live.PerMinute.Sum(m => m.Inbound).ShouldBe(1);
        live.PerMinute.Sum(m => m.Outbound).ShouldBe(2);
        (live.Inbound, live.Outbound, live.Failed).ShouldBe((1, 2, 0));
        live.ReplyTimes.Samples.ShouldBe(1);
        live.ReplyTimes.P95Ms.ShouldNotBeNull();
        live.ReplyTimesPerHour.Sum(h => h.Times.Samples).ShouldBe(1);
        var account = live.Accounts.ShouldHaveSingleItem();
        account.AccountId.ShouldBe("echo");
        account.Inbound.ShouldBe(1);
        account.Delivery.Read.ShouldBe(2);
        account.LastSendStatus.ShouldBe("read");
        account.LastInboundAt.ShouldNotBeNull();
    }

    private static Task<SendOutcome> SendAsync(TestApp app, string to, MessageContent content, string source, string account = "echo") =>
        app.Get<OutboundSender>().SendAsync(new SendCommand(account, to, content) { Source = source });
}
