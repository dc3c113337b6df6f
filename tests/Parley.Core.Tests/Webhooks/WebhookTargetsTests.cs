using System.Net;
using Microsoft.Extensions.Options;
using Parley.Core.Webhooks;

namespace Parley.Core.Tests.Webhooks;

/// <summary>Which receivers outgoing webhooks may call (issue 17, item 9): public addresses only, unless allowed.</summary>
public sealed class WebhookTargetsTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("::127.0.0.1")]
    public void IsPrivate_LoopbackPrivateLinkLocalAndTheirDisguises(string address) =>
        WebhookTargets.IsPrivate(IPAddress.Parse(address)).ShouldBeTrue();

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("203.0.113.10")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsPrivate_PublicAddresses_AreNot(string address) =>
        WebhookTargets.IsPrivate(IPAddress.Parse(address)).ShouldBeFalse();

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://api.localhost/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:7f00:1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://internal.example/hook")]
    public async Task Refusal_NamesTheSettingThatAllowsIt(string url)
    {
        var targets = new WebhookTargets(Options.Create(new OutgoingWebhookOptions())) { Resolve = Resolver(IPAddress.Parse("10.0.0.7")) };

        (await targets.RefusalAsync(url, CancellationToken.None)).ShouldNotBeNull().ShouldContain("Parley:Webhooks:AllowPrivateNetworks");
    }

    [Fact]
    public async Task Refusal_NoneForPublicReceivers_OrWhenPrivateNetworksAreAllowed()
    {
        var publicTargets = new WebhookTargets(Options.Create(new OutgoingWebhookOptions())) { Resolve = Resolver(IPAddress.Parse("203.0.113.7")) };
        var allowed = new WebhookTargets(Options.Create(new OutgoingWebhookOptions { AllowPrivateNetworks = true }));

        (await publicTargets.RefusalAsync("https://crm.example/hook", CancellationToken.None)).ShouldBeNull();
        (await publicTargets.RefusalAsync("https://203.0.113.10/hook", CancellationToken.None)).ShouldBeNull();
        (await allowed.RefusalAsync("http://127.0.0.1:9000/hook", CancellationToken.None)).ShouldBeNull();
    }

    private static Func<string, CancellationToken, Task<IPAddress[]>> Resolver(IPAddress answer) => (_, _) => Task.FromResult(new[] { answer });
}
