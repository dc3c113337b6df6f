using Microsoft.Extensions.DependencyInjection;
using Parley.Channels.Acs;
using Parley.Core.Messaging;
using Parley.Core.Outbound;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Acs;

/// <summary><see cref="AcsChannel"/> over real HTTP against <see cref="FakeAcs"/>, which checks every signature.</summary>
public sealed class AcsChannelTests : IAsyncLifetime
{
    private FakeAcs _fake = null!;
    private ServiceProvider _services = null!;

    private AcsChannel Channel => _services.GetRequiredService<AcsChannel>();

    public async Task InitializeAsync()
    {
        _fake = await FakeAcs.StartAsync();
        _services = AcsTestKit.Services();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private OutboundRequest Request(MessageContent content, string key = "reply:1:0", Core.Accounts.Account? account = null) =>
        new(account ?? AcsTestKit.Account(_fake), 1, "+15550001111", content, key) { ToPhone = "+15550001111" };

    [Fact]
    public async Task SendAsync_Text_IsAcceptedSignedAndRepeatable()
    {
        var result = await Channel.SendAsync(Request(MessageContent.FromText("hola")), default);

        result.Accepted.ShouldBeTrue(result.ErrorReason);
        var sent = _fake.Requests.ShouldHaveSingleItem();
        sent.SignatureValid.ShouldBeTrue();
        result.ProviderMessageId.ShouldBe(sent.MessageId);
        sent.PathAndQuery.ShouldBe("/messages/notifications:send?api-version=2024-08-30");
        sent.Json["to"]![0]!.GetValue<string>().ShouldBe("+15550001111");
        sent.Json["channelRegistrationId"]!.GetValue<string>().ShouldBe(_fake.ChannelRegistrationId);
        sent.Header("repeatability-request-id").ShouldBe(AcsRepeatability.RequestId("acs1", "reply:1:0").ToString());
        DateTimeOffset.TryParseExact(sent.Header("repeatability-first-sent"), "r", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _).ShouldBeTrue();
        sent.Header("Content-Type").ShouldStartWith("application/json");
    }

    [Fact]
    public async Task SendAsync_RecipientAsBareDigits_IsSentAsE164()
    {
        var account = AcsTestKit.Account(_fake);
        var result = await Channel.SendAsync(new OutboundRequest(account, 1, "15550001111", MessageContent.FromText("hi"), "k"), default);

        result.Accepted.ShouldBeTrue(result.ErrorReason);
        _fake.Requests.Single().Json["to"]![0]!.GetValue<string>().ShouldBe("+15550001111");
    }

    [Fact]
    public async Task SendAsync_Interactive_UsesTheInteractiveApiVersion()
    {
        var content = new MessageContent
        {
            Type = MessageTypes.Interactive,
            Text = "Pick one",
            Interactive = new InteractiveContent { Kind = InteractiveContent.ButtonKind, Buttons = [new ReplyButton("yes", "Yes")] },
        };

        (await Channel.SendAsync(Request(content), default)).Accepted.ShouldBeTrue();

        _fake.Requests.Single().PathAndQuery.ShouldBe("/messages/notifications:send?api-version=2024-11-15");
    }

    [Fact]
    public async Task SendAsync_ApiVersionSetting_OverridesEveryKind()
    {
        var account = AcsTestKit.Account(_fake, apiVersion: "2025-09-01-preview");

        (await Channel.SendAsync(Request(MessageContent.FromText("hi"), account: account), default)).Accepted.ShouldBeTrue();

        _fake.Requests.Single().PathAndQuery.ShouldEndWith("api-version=2025-09-01-preview");
    }

    [Fact]
    public async Task SendAsync_WrongAccessKey_FakeAnswers401_IsPermanentNamingTheKey()
    {
        var account = AcsTestKit.Account(_fake, accessKey: Convert.ToBase64String(new byte[32]));

        var result = await Channel.SendAsync(Request(MessageContent.FromText("hi"), account: account), default);

        result.Accepted.ShouldBeFalse();
        result.Transient.ShouldBeFalse();
        result.ErrorReason!.ShouldContain("AccessKey");
        _fake.Requests.Single().SignatureValid.ShouldBeFalse();
    }

    [Fact]
    public async Task SendAsync_429ThenRetry_IsRetryWithRetryAfter_AndTheRetryRepeatsTheSameRequestId()
    {
        _fake.EnqueueSend(FakeAcsReply.TooManyRequests(retryAfterSeconds: 3));

        var first = await Channel.SendAsync(Request(MessageContent.FromText("hi"), key: "reply:7:0"), default);
        var second = await Channel.SendAsync(Request(MessageContent.FromText("hi"), key: "reply:7:0"), default);

        first.Transient.ShouldBeTrue();
        first.RetryAfter.ShouldBe(TimeSpan.FromSeconds(3));
        first.ErrorCode.ShouldBe("TooManyRequests");
        second.Accepted.ShouldBeTrue();
        var requests = _fake.Requests;
        requests.Count.ShouldBe(2);
        requests[1].Header("repeatability-request-id").ShouldBe(requests[0].Header("repeatability-request-id"));
        requests[1].Header("repeatability-first-sent").ShouldBe(requests[0].Header("repeatability-first-sent"));
    }

    [Fact]
    public async Task SendAsync_500_IsRetried()
    {
        _fake.EnqueueSend(FakeAcsReply.ServerError());

        var result = await Channel.SendAsync(Request(MessageContent.FromText("hi")), default);

        result.Transient.ShouldBeTrue();
        result.ErrorCode.ShouldBe("InternalServerError");
    }

    [Fact]
    public async Task SendAsync_400WithAcsError_IsPermanentWithAcsMessage()
    {
        _fake.EnqueueSend(FakeAcsReply.Error(400, "InvalidRecipient", "The recipient is not a WhatsApp user."));

        var result = await Channel.SendAsync(Request(MessageContent.FromText("hi")), default);

        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("InvalidRecipient");
        result.ErrorReason!.ShouldContain("The recipient is not a WhatsApp user.");
    }

    [Fact]
    public async Task SendAsync_SlowAnswer_IsRetryAfterTheClientTimeout()
    {
        await using var services = AcsTestKit.Services(timeout: TimeSpan.FromMilliseconds(300));
        _fake.EnqueueSend(FakeAcsReply.Slow(TimeSpan.FromSeconds(10)));

        var result = await services.GetRequiredService<AcsChannel>().SendAsync(Request(MessageContent.FromText("hi")), default);

        result.Transient.ShouldBeTrue();
        result.ErrorCode.ShouldBe("timeout");
    }

    [Fact]
    public async Task SendAsync_NothingListening_IsRetryNetwork()
    {
        var closed = await FakeAcs.StartAsync(_fake.AccessKey, _fake.ChannelRegistrationId);
        var endpoint = closed.BaseUrl;
        await closed.DisposeAsync();

        var result = await Channel.SendAsync(Request(MessageContent.FromText("hi"), account: AcsTestKit.Account(_fake, endpoint: endpoint)), default);

        result.Transient.ShouldBeTrue();
        result.ErrorCode.ShouldBe("network");
    }

    [Fact]
    public async Task SendAsync_Location_IsPermanentWithoutCallingAcs()
    {
        var result = await Channel.SendAsync(Request(new MessageContent { Type = MessageTypes.Location, Location = new LocationInfo(1, 2) }), default);

        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe(AcsMessageMapper.Unsupported);
        result.ErrorReason!.ShouldContain("location");
        _fake.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_AccountWithoutAccessKey_IsPermanentNamingTheSetting()
    {
        var account = AcsTestKit.Account(_fake) with { Secrets = new Dictionary<string, string>() };

        var result = await Channel.SendAsync(Request(MessageContent.FromText("hi"), account: account), default);

        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("acs_configuration");
        result.ErrorReason!.ShouldContain("AccessKey");
    }
}
