using System.Net;
using Parley.Channels.Meta;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Meta;

public sealed class MetaErrorsTests
{
    [Fact]
    public void Parse_OfficialRateLimitExample()
    {
        var error = MetaErrors.Parse(MetaWebhooks.Sample("error-130429-rate-limit.response.json")).ShouldNotBeNull();

        error.Code.ShouldBe(130429);
        error.Subcode.ShouldBe(2494055);
        error.Message.ShouldBe("(#130429) Rate limit hit");
        error.Type.ShouldBe("OAuthException");
        error.Details.ShouldBe("Cloud API message throughput has been reached.");
        error.FbTraceId.ShouldBe("Az8or2yhqkZfEZ-_4Qn_Bam");
        error.Describe().ShouldBe("(#130429) Rate limit hit: Cloud API message throughput has been reached.");
    }

    [Fact]
    public void Parse_GraphTokenError_WithoutErrorData()
    {
        var error = MetaErrors.Parse("""{"error":{"message":"Invalid OAuth access token","type":"OAuthException","code":190}}""").ShouldNotBeNull();

        error.Code.ShouldBe(190);
        error.Details.ShouldBeNull();
        error.Describe().ShouldBe("(#190) Invalid OAuth access token");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Internal Server Error")]
    [InlineData("{}")]
    [InlineData("""{"error":"nope"}""")]
    [InlineData("""{"error":{"message":"no code"}}""")]
    public void Parse_NotMetasShape_IsNull(string body) => MetaErrors.Parse(body).ShouldBeNull();

    /// <summary>The classification table: which errors the queue retries and which fail the message for good.</summary>
    [Theory]
    // Throttling: retried.
    [InlineData(429, 130429, true, "throttling")]
    [InlineData(400, 4, true, "throttling")]
    [InlineData(400, 80007, true, "throttling")]
    [InlineData(400, 131056, true, "throttling")]
    [InlineData(400, 131048, true, "throttling")]
    // Meta's transient failures: retried.
    [InlineData(500, 1, true, "temporarily unavailable")]
    [InlineData(500, 2, true, "temporarily unavailable")]
    [InlineData(400, 131000, true, "temporarily unavailable")]
    [InlineData(503, 131016, true, "temporarily unavailable")]
    // Permanent, each with its reason.
    [InlineData(400, 131047, false, "approved template")]
    [InlineData(401, 190, false, "access token")]
    [InlineData(400, 131026, false, "could not deliver")]
    [InlineData(400, 131030, false, "allowed list")]
    [InlineData(400, 131051, false, "does not support")]
    [InlineData(400, 100, false, "parameter")]
    [InlineData(400, 132000, false, "template")]
    [InlineData(400, 132001, false, "template")]
    [InlineData(400, 132012, false, "template")]
    [InlineData(400, 132015, false, "template")]
    [InlineData(400, 132016, false, "template")]
    [InlineData(400, 132018, false, "template")]
    [InlineData(400, 368, false, "(#368)")]
    // An unfamiliar code: a 5xx is Meta's trouble, a 4xx the message's.
    [InlineData(502, 999999, true, "(#999999)")]
    [InlineData(400, 999999, false, "(#999999)")]
    public void Classify_Table(int http, int code, bool transient, string reasonContains)
    {
        var error = new MetaError(code, $"(#{code}) Some title") { Details = "Some details." };

        var result = MetaErrors.Classify((HttpStatusCode)http, error, retryAfter: null);

        result.Accepted.ShouldBeFalse();
        result.Transient.ShouldBe(transient);
        result.ErrorCode.ShouldBe(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        result.ErrorReason!.ShouldContain(reasonContains, Case.Insensitive);
        result.ErrorReason!.ShouldContain("Some details.");
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    public void Classify_WithoutAMetaBody_GoesByHttpStatus(int http, bool transient)
    {
        var result = MetaErrors.Classify((HttpStatusCode)http, null, null, "<html>oops</html>");

        result.Transient.ShouldBe(transient);
        result.ErrorCode.ShouldBe($"http_{http}");
        result.ErrorReason.ShouldBe($"Meta answered HTTP {http}: <html>oops</html>");
    }

    [Fact]
    public void Classify_Throttling_KeepsRetryAfter()
    {
        var result = MetaErrors.Classify(HttpStatusCode.TooManyRequests, new MetaError(130429, "(#130429) Rate limit hit"), TimeSpan.FromSeconds(7));

        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void RetryAfter_ReadsSecondsAndDates()
    {
        var time = TimeProvider.System;
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        MetaErrors.RetryAfter(seconds, time).ShouldBe(TimeSpan.FromSeconds(30));
        MetaErrors.RetryAfter(none, time).ShouldBeNull();
    }
}
