namespace Parley.Channels.Tests.Twilio;

public sealed class TwilioAccountTesterTests
{
    [Fact]
    public async Task RightCredentials_ReportTheActiveAccount()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        var result = await twilio.Tester.TestAsync(twilio.Account(), CancellationToken.None);

        result.Ok.ShouldBeTrue();
        result.Detail.ShouldBe("Twilio account 'Parley test account' is active.");
        var request = twilio.Fake.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("GET");
        request.Path.ShouldBe($"/2010-04-01/Accounts/{twilio.Fake.AccountSid}.json");
    }

    [Fact]
    public async Task WrongToken_IsReported()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        var result = await twilio.Tester.TestAsync(twilio.Account(authToken: "wrong"), CancellationToken.None);

        result.Ok.ShouldBeFalse();
        result.Detail.ShouldContain("rejected");
        result.Detail.ShouldNotContain("wrong");
    }

    [Fact]
    public async Task Unreachable_IsReported()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        var result = await twilio.Tester.TestAsync(twilio.Account(baseUrl: "http://127.0.0.1:9"), CancellationToken.None);

        result.Ok.ShouldBeFalse();
        result.Detail.ShouldContain("could not be reached");
    }
}
