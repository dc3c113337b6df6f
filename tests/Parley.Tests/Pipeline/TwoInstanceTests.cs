using System.Globalization;
using Parley.Core.Inbound;

namespace Parley.Tests.Pipeline;

/// <summary>Two server instances on one PostgreSQL database share the work: each message once, order kept per conversation.</summary>
public sealed class TwoInstanceTests
{
    [PostgresFact]
    public async Task TwoInstances_ProcessEveryMessageOnce_InOrderPerConversation()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        var settings = new Dictionary<string, string?> { ["Parley:Workers:Concurrency"] = "4" };
        await using var a = TestApp.Start(database, settings);
        await using var b = TestApp.Start(database, settings);

        const int contacts = 12;
        const int perContact = 6;
        var phones = Enumerable.Range(0, contacts).Select(i => $"+1555100{i:0000}").ToList();
        // Alternate instances so both take webhooks and both see work from the other.
        var sends = new List<Task>();
        foreach (var phone in phones)
        {
            sends.Add(Task.Run(async () =>
            {
                for (var n = 0; n < perContact; n++)
                {
                    var instance = n % 2 == 0 ? a : b;
                    await instance.SandboxFor("echo").SendAsync(phone, $"m{n}");
                }
            }));
        }

        await Task.WhenAll(sends);

        foreach (var phone in phones)
        {
            // One greeting plus one echo per message.
            var replies = await a.SandboxFor("echo").WaitForRepliesAsync(phone, perContact + 1, TimeSpan.FromSeconds(60));
            replies.Count.ShouldBe(perContact + 1, $"replies to {phone}");
            replies.Skip(1).Select(r => r.Text!.Split('\n')[0])
                .ShouldBe(Enumerable.Range(0, perContact).Select(n => string.Create(CultureInfo.InvariantCulture, $"You said: m{n}")));
        }

        var processed = a.Get<InboundProcessor>().ProcessedCount + b.Get<InboundProcessor>().ProcessedCount;
        processed.ShouldBe(contacts * perContact);
        a.Get<InboundProcessor>().ProcessedCount.ShouldBeGreaterThan(0);
        b.Get<InboundProcessor>().ProcessedCount.ShouldBeGreaterThan(0);
    }
}
