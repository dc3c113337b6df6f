using Dapper;
using Parley.Core.Messaging;
using Parley.Core.Outbound;

namespace Parley.Tests.Pipeline;

/// <summary>Free-form messages outside WhatsApp's 24-hour window are refused locally, and a re-engagement template follows.</summary>
public sealed class CustomerServiceWindowTests
{
    [Fact]
    public async Task FreeFormToAContactSilentFor25Hours_FailsSayingATemplateIsNeeded_AndReengages()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Accounts:0:Id"] = "shop",
            ["Parley:Accounts:0:Provider"] = "sandbox",
            ["Parley:Accounts:0:Bot"] = "echo",
            ["Parley:Accounts:0:ReengagementTemplate"] = "hello_world:en_US",
        });
        var shop = app.SandboxFor("shop");
        await shop.SendAsync("+15550003333", "hi");
        await shop.WaitForRepliesAsync("+15550003333", 2);

        var db = app.Get<Database>();
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE conversations SET last_inbound_at = last_inbound_at - @h", new { h = (long)TimeSpan.FromHours(25).TotalMilliseconds });
        }

        var queued = await app.Get<OutboundQueue>().EnqueueAsync("shop", new ContactRef("15550003333"), MessageContent.FromText("late news"), null, "api");

        var thread = await shop.WaitAsync("+15550003333", t => t.Any(m => m.Type == "template"));
        var refused = thread.Single(m => m.Id == queued.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        refused.Status.ShouldBe("failed");
        refused.Error!.Code.ShouldBe("outside_window");
        refused.Error.Reason!.ShouldContain("template");
        thread.Last().Template!.Name.ShouldBe("hello_world");
    }
}
