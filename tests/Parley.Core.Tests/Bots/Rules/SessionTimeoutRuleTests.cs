using Parley.Core.Accounts;
using Parley.Core.Bots;
using Parley.Core.Bots.Rules;
using Parley.Core.Messaging;

namespace Parley.Core.Tests.Bots.Rules;

public sealed class SessionTimeoutRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly BotRuleSettings Settings = BotRuleSettings.From(new Account("acme", "sandbox"), new BotRulesOptions());

    [Fact]
    public async Task FirstMessage_StartsASession()
    {
        var request = await ApplyAsync(Message(1, 0), []);

        request.NewSession.ShouldBeTrue();
        request.SessionStartedAt.ShouldBe(Start);
    }

    [Fact]
    public async Task WithinTheTimeout_TheSessionContinues_FromTheConversationsStart()
    {
        var request = await ApplyAsync(Message(3, 29), [Message(1, 0), Reply(2, 0)]);

        request.NewSession.ShouldBeFalse();
        request.SessionStartedAt.ShouldBe(Start);
        request.History.Count.ShouldBe(2);
    }

    [Fact]
    public async Task AfterTheTimeout_ANewSessionStarts_WithNoHistory()
    {
        var request = await ApplyAsync(Message(3, 31), [Message(1, 0), Reply(2, 0)]);

        request.NewSession.ShouldBeTrue();
        request.History.ShouldBeEmpty();
        request.SessionStartedAt.ShouldBe(Start.AddMinutes(31));
    }

    [Fact]
    public async Task ASessionThatStartedAfterASilence_HandsOnlyItsOwnMessages()
    {
        var request = await ApplyAsync(Message(5, 45), [Message(1, 0), Reply(2, 0), Message(3, 40), Reply(4, 40)]);

        request.NewSession.ShouldBeFalse();
        request.History.Select(m => m.Id).ShouldBe([3L, 4L]);
        request.SessionStartedAt.ShouldBe(Start.AddMinutes(40));
    }

    [Fact]
    public async Task PerAccountTimeout_IsUsed()
    {
        var settings = BotRuleSettings.From(new Account("acme", "sandbox") { Settings = new Dictionary<string, string> { ["SessionTimeout"] = "300" } }, new BotRulesOptions());

        var request = await ApplyAsync(Message(3, 6), [Message(1, 0), Reply(2, 0)], settings);

        request.NewSession.ShouldBeTrue();
    }

    private static async Task<BotRequest> ApplyAsync(StoredMessage message, List<StoredMessage> history, BotRuleSettings? settings = null)
    {
        var request = new BotRequest(new Account("acme", "sandbox"), new ContactInfo(1, "15550001111"), new ConversationInfo(1, "acme", 1), message) { History = history };
        var context = new BotRuleContext(new NamedBot(), request, settings ?? Settings, message.CreatedAt);
        (await new SessionTimeoutRule().ApplyAsync(context, CancellationToken.None)).ShouldBeNull();
        return context.Request;
    }

    private static StoredMessage Message(long id, int minute) => new(id, StoredMessage.Inbound, MessageContent.FromText("hola"), Start.AddMinutes(minute));

    private static StoredMessage Reply(long id, int minute) => new(id, StoredMessage.Outbound, MessageContent.FromText("¡Hola!"), Start.AddMinutes(minute)) { InReplyTo = id - 1 };

    private sealed class NamedBot : IBot
    {
        public string Name => "named";
        public string Description => "";
        public Task<BotResult> HandleAsync(BotRequest request, CancellationToken ct) => throw new InvalidOperationException("The rule must not call the bot.");
    }
}
