using System.Net;
using Parley.Channels.Acs;

namespace Parley.Channels.Tests.Acs;

/// <summary>The error classification table: which ACS answers are retried and which fail the message.</summary>
public sealed class AcsSendErrorsTests
{
    [Theory]
    [InlineData(429, true, "throttled")]
    [InlineData(408, true, "408")]
    [InlineData(500, true, "500")]
    [InlineData(502, true, "502")]
    [InlineData(503, true, "503")]
    [InlineData(504, true, "504")]
    [InlineData(400, false, "rejected the message")]
    [InlineData(401, false, "AccessKey")]
    [InlineData(403, false, "AccessKey")]
    [InlineData(404, false, "ChannelRegistrationId")]
    [InlineData(409, false, "409")]
    [InlineData(413, false, "413")]
    public void Classify_Status_IsRetriedOnlyWhenTransient(int status, bool transient, string reasonMentions)
    {
        var result = AcsSendErrors.Classify(new AcsError((HttpStatusCode)status, "SomeCode", "What ACS said.", null));

        result.Accepted.ShouldBeFalse();
        result.Transient.ShouldBe(transient);
        result.ErrorCode.ShouldBe("SomeCode");
        result.ErrorReason!.ShouldContain(reasonMentions);
        result.ErrorReason!.ShouldContain("What ACS said.");
    }

    [Fact]
    public void Classify_429_KeepsRetryAfter()
    {
        var result = AcsSendErrors.Classify(new AcsError(HttpStatusCode.TooManyRequests, "TooManyRequests", "slow down", TimeSpan.FromSeconds(7)));

        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
    }
}
