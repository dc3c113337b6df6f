using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Bots;
using Parley.Core.Messaging;

namespace Parley.Tests.Pipeline;

/// <summary>A message that keeps failing ends in a visible failed state after N attempts, and can be retried.</summary>
public sealed class FailingMessageTests
{
    [Fact]
    public async Task BotThatThrows_MessageFailsAfterMaxAttempts_ThenRetrySucceeds()
    {
        var bot = new FlakyBot();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Accounts:0:Id"] = "flaky",
            ["Parley:Accounts:0:Provider"] = "sandbox",
            ["Parley:Accounts:0:Bot"] = "flaky",
            ["Parley:Workers:MaxAttempts"] = "3",
            ["Parley:Workers:BaseBackoff"] = "00:00:00.020",
        }, services: s => s.AddSingleton<IBot>(bot));
        var sandbox = app.SandboxFor("flaky");

        var id = long.Parse(await sandbox.SendAsync("+15550005555", "boom"), System.Globalization.CultureInfo.InvariantCulture);

        var queries = app.Get<MessageQueries>();
        StoredMessage? failed = null;
        for (var i = 0; i < 200 && failed?.ProcessState != ProcessStates.Failed; i++)
        {
            await Task.Delay(50);
            failed = await queries.FindAsync(id);
        }

        failed!.ProcessState.ShouldBe(ProcessStates.Failed);
        failed.Attempts.ShouldBe(3);
        failed.LastError!.ShouldContain("the bot is down");
        bot.Calls.ShouldBe(3);

        bot.Healthy = true;
        (await app.Get<MessageRetry>().RetryAsync(id)).ShouldBeTrue();

        var replies = await sandbox.WaitForRepliesAsync("+15550005555", 1);
        replies.Single().Text.ShouldBe("recovered: boom");
        (await queries.FindAsync(id))!.ProcessState.ShouldBe(ProcessStates.Done);
        (await app.Get<MessageRetry>().RetryAsync(id)).ShouldBeFalse();
    }

    private sealed class FlakyBot : IBot
    {
        private int _calls;

        public bool Healthy { get; set; }

        public int Calls => _calls;

        public string Name => "flaky";

        public string Description => "Fails until told otherwise.";

        public Task<BotResult> HandleAsync(BotRequest request, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            return Healthy
                ? Task.FromResult(BotResult.Reply(MessageContent.FromText($"recovered: {request.Message.Content.Text}")))
                : throw new InvalidOperationException("the bot is down");
        }
    }
}
