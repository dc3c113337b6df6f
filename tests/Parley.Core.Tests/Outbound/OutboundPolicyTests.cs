using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Messaging;
using Parley.Core.Observability;
using Parley.Core.Outbound;
using Parley.Core.Outbound.Policy;
using Parley.Core.Outbound.Sending;

namespace Parley.Core.Tests.Outbound;

public sealed class OutboundPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Now);
    private readonly Account _account = new("a1", "sandbox");

    private OutboundPolicy Policy()
    {
        var metrics = new ParleyMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var channels = new ChannelCatalog([], metrics, _clock);
        return new OutboundPolicy(channels, [new WhatsAppContentRules(channels)], Options.Create(new OutboundOptions()), _clock);
    }

    [Fact]
    public void Refusal_BlockedComesFirst_ThenOptedOut_ThenTheWindow()
    {
        var policy = Policy();
        policy.Refusal(new OutboundRecipient(true, true, null), MessageTypes.Text)!.Code.ShouldBe(OutboundPolicy.ContactBlocked);
        policy.Refusal(new OutboundRecipient(false, true, null), MessageTypes.Template)!.Code.ShouldBe(OutboundPolicy.ContactOptedOut);
        policy.Refusal(new OutboundRecipient(false, false, null), MessageTypes.Text)!.Code.ShouldBe(OutboundPolicy.TemplateRequired);
    }

    [Fact]
    public void WindowRefusal_OpenFor24Hours_ATemplateAlwaysGoes()
    {
        var policy = Policy();
        policy.WindowRefusal(Now.AddHours(-23.9), MessageTypes.Text).ShouldBeNull();
        policy.WindowRefusal(Now.AddHours(-24).AddSeconds(-1), MessageTypes.Text)!.Detail.ShouldContain("24 hours");
        policy.WindowRefusal(null, MessageTypes.Text)!.Detail.ShouldContain("never written");
        policy.WindowRefusal(null, MessageTypes.Template).ShouldBeNull();
    }

    [Fact]
    public void Shape_ATextLongerThanTheChannelTakes_IsSplitIntoPartsThatFit()
    {
        var text = string.Join("\n\n", Enumerable.Repeat(new string('a', 3000), 3));
        var parts = Policy().Shape(_account, MessageContent.FromText(text));
        parts.Count.ShouldBe(3);
        parts.ShouldAllBe(p => p.Text!.Length <= 4096);
        Policy().Shape(_account, MessageContent.FromText("short")).Single().Text.ShouldBe("short");
    }

    [Fact]
    public void ContentErrors_NameTheField()
    {
        Policy().ContentErrors(_account, MessageContent.FromText(" ")).Single().Field.ShouldBe("text");
    }
}
