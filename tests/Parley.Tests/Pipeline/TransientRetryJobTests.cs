using Parley.Core.Messaging;
using Parley.Core.Outbound;

namespace Parley.Tests.Pipeline;

/// <summary>A provider outage longer than the queue's retries does not lose the reply: the periodic job sends it later.</summary>
public sealed class TransientRetryJobTests
{
    [Fact]
    public async Task SendFailingOnServerErrorsUntilRetriesRunOut_IsSentByTheNextRetryRound()
    {
        await using var fake = await FakeTwilio.StartAsync();
        fake.FailNextSends(TwilioFailure.ServerError(), TwilioFailure.ServerError());
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Workers:MaxAttempts"] = "2",
            ["Parley:Workers:BaseBackoff"] = "00:00:00.020",
            ["Parley:Outbound:TransientRetry:Delay"] = "00:00:00",
            ["Parley:Accounts:0:Id"] = "tw1",
            ["Parley:Accounts:0:Provider"] = "twilio",
            ["Parley:Accounts:0:AccountSid"] = fake.AccountSid,
            ["Parley:Accounts:0:AuthToken"] = fake.AuthToken,
            ["Parley:Accounts:0:From"] = "whatsapp:+14155238886",
            ["Parley:Accounts:0:ApiBaseUrl"] = fake.BaseUrl,
        });
        var template = new MessageContent { Type = MessageTypes.Template, Template = new TemplateContent("hello", "en") { ProviderTemplateId = "HX0123456789abcdef0123456789abcdef" } };
        var queued = await app.Get<OutboundQueue>().EnqueueAsync("tw1", new ContactRef("15550006666") { Phone = "+15550006666" }, template, "job-test", "api");

        var queries = app.Get<MessageQueries>();
        StoredMessage? message = null;
        for (var i = 0; i < 200 && message?.ProcessState != ProcessStates.Failed; i++)
        {
            await Task.Delay(50);
            message = await queries.FindAsync(queued.MessageId);
        }

        message!.ProcessState.ShouldBe(ProcessStates.Failed);
        fake.Sends.ShouldBeEmpty();

        (await app.Get<TransientRetryJob>().RunOnceAsync(CancellationToken.None)).ShouldBe(1);

        await fake.WaitForSendsAsync(1);
        for (var i = 0; i < 100 && message?.ProcessState != ProcessStates.Done; i++)
        {
            await Task.Delay(50);
            message = await queries.FindAsync(queued.MessageId);
        }

        message!.ProcessState.ShouldBe(ProcessStates.Done);
        (await app.Get<TransientRetryJob>().RunOnceAsync(CancellationToken.None)).ShouldBe(0);
    }
}
