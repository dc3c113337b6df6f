using Parley.Channels.Acs;

namespace Parley.Channels.Tests.Acs;

public sealed class AcsRepeatabilityTests
{
    [Fact]
    public void RequestId_IsDeterministicPerAccountAndKey_AndAVersion5Uuid()
    {
        var a = AcsRepeatability.RequestId("acs1", "reply:1:0");

        AcsRepeatability.RequestId("acs1", "reply:1:0").ShouldBe(a);
        AcsRepeatability.RequestId("acs1", "reply:1:1").ShouldNotBe(a);
        AcsRepeatability.RequestId("acs2", "reply:1:0").ShouldNotBe(a);
        a.Version.ShouldBe(5);
        a.ToString()[19].ShouldBeOneOf('8', '9', 'a', 'b');
    }

    [Fact]
    public void For_RemembersTheFirstSentTimeUntilDone()
    {
        var repeatability = new AcsRepeatability(TimeProvider.System);

        var (id, first) = repeatability.For("acs1", "k");
        repeatability.For("acs1", "k").FirstSent.ShouldBe(first);
        repeatability.Done(id);

        repeatability.For("acs1", "k").RequestId.ShouldBe(id);
    }
}
