using Parley.Ai.Assistant;
using Parley.Core.Messaging;

namespace Parley.Ai.Tests.Assistant;

public sealed class ConversationMemoryTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Split_PlacesRepliesAfterTheMessagesTheyAnswer_AndFindsTheUnanswered()
    {
        // Ids as the core assigns them when three messages arrive before the first reply is stored.
        StoredMessage[] stored =
        [
            In(1, "hola", 0), In(2, "how do I configure Meta?", 1), In(3, "and Twilio?", 2),
            Out(4, "¡Hola!", replyTo: 1), Out(5, "Set PhoneNumberId…", replyTo: 2),
        ];

        var view = ConversationMemory.Split(stored, In(6, "thanks", 3) with { });

        view.History.Select(m => m.Id).ShouldBe([1, 4, 2, 5]);
        // Message 3 was answered by nobody (it was part of a burst): it is pending with the current one.
        view.Pending.Select(m => m.Id).ShouldBe([3, 6]);
    }

    [Fact]
    public void Memory_KeepsTheLastTurns_AndStopsAtAReset()
    {
        StoredMessage[] history = [In(1, "old question", 0), Out(2, "old answer", 1), In(3, "reset", 2), Out(4, "Done", 3), In(5, "new question", 4), Out(6, "new answer", 5)];

        var memory = ConversationMemory.Memory(history, turns: 10);

        memory.Select(m => (m.FromUser, m.Text)).ShouldBe([(false, "Done"), (true, "new question"), (false, "new answer")]);
        ConversationMemory.Memory(history, turns: 2).Select(m => m.Text).ShouldBe(["new question", "new answer"]);
    }

    [Fact]
    public void Split_LeavesOutMessagesOlderThanTheBurstWindow()
    {
        var view = ConversationMemory.Split([In(1, "yesterday", -3600)], In(2, "today", 0));

        view.Pending.Select(m => m.Id).ShouldBe([2]);
        view.History.Select(m => m.Id).ShouldBe([1]);
    }

    private static StoredMessage In(long id, string text, int seconds) =>
        new(id, StoredMessage.Inbound, MessageContent.FromText(text), T0.AddSeconds(seconds));

    private static StoredMessage Out(long id, string text, long replyTo) =>
        new(id, StoredMessage.Outbound, MessageContent.FromText(text), T0.AddSeconds(10)) { InReplyTo = replyTo, Source = "bot" };
}
