using Microsoft.Extensions.DependencyInjection;
using Parley.Channels.Acs;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Acs;

public sealed class AcsAccountTesterTests : IAsyncLifetime
{
    private FakeAcs _fake = null!;
    private ServiceProvider _services = null!;

    private AcsAccountTester Tester => _services.GetRequiredService<AcsAccountTester>();

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

    [Fact]
    public async Task TestAsync_GoodSettings_IsOkAfterOneSignedTemplateRead()
    {
        var result = await Tester.TestAsync(AcsTestKit.Account(_fake), default);

        result.Ok.ShouldBeTrue(result.Detail);
        var request = _fake.Requests.Single();
        request.Method.ShouldBe("GET");
        request.PathAndQuery.ShouldBe($"/messages/channels/{_fake.ChannelRegistrationId}/templates?api-version=2024-08-30&maxpagesize=1");
        request.SignatureValid.ShouldBeTrue();
    }

    [Fact]
    public async Task TestAsync_WrongKey_SaysTheKeyWasRefused()
    {
        var result = await Tester.TestAsync(AcsTestKit.Account(_fake, accessKey: Convert.ToBase64String(new byte[16])), default);

        result.Ok.ShouldBeFalse();
        result.Detail.ShouldContain("refused the access key");
    }

    [Fact]
    public async Task TestAsync_UnknownChannel_SaysTheKeyWorksButNotTheChannel()
    {
        var result = await Tester.TestAsync(AcsTestKit.Account(_fake, channel: Guid.NewGuid().ToString()), default);

        result.Ok.ShouldBeFalse();
        result.Detail.ShouldContain("does not know channel registration");
    }

    [Fact]
    public async Task TestAsync_MissingEndpoint_NamesTheSetting()
    {
        var result = await Tester.TestAsync(AcsTestKit.Account(_fake, endpoint: "not a url"), default);

        result.Ok.ShouldBeFalse();
        result.Detail.ShouldContain("Endpoint");
        _fake.Requests.ShouldBeEmpty();
    }
}
