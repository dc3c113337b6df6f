namespace Parley.Tests.Channels;

/// <summary>Parley:Meta:AutoMarkRead: a bot that starts on a Meta message marks it read with the typing indicator (issue 16: IReadReceipts was never called).</summary>
public sealed class MetaAutoMarkReadTests
{
    private const string Sheena = "16505551234";

    [Theory]
    [InlineData(null, 1)]
    [InlineData("false", 0)]
    public async Task ABotStartingOnAMessage_MarksItReadWithTheTypingIndicator(string? autoMarkRead, int receipts)
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        var settings = graph.AccountSettings();
        if (autoMarkRead is not null)
        {
            settings["Parley:Meta:AutoMarkRead"] = autoMarkRead;
        }
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, settings);

        await app.Client.PostMetaWebhookAsync("meta1", MetaWebhooks.Text(Sheena, "hello", "wamid.in.read"));
        await graph.WaitForAcceptedAsync(2);

        // The replies went out, so the bot has started and finished: the receipt was sent when it started (or not at all).
        for (var i = 0; i < 100 && graph.ReadReceipts.Count < receipts; i++)
        {
            await Task.Delay(50);
        }

        graph.ReadReceipts.Count.ShouldBe(receipts);
        if (receipts > 0)
        {
            var receipt = graph.ReadReceipts[0].Json!;
            receipt["status"]!.GetValue<string>().ShouldBe("read");
            receipt["message_id"]!.GetValue<string>().ShouldBe("wamid.in.read");
            receipt["typing_indicator"]!["type"]!.GetValue<string>().ShouldBe("text");
        }
    }
}
