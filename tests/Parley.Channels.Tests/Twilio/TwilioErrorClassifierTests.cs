using System.Net;
using Parley.Channels.Twilio;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Twilio;

public sealed class TwilioErrorClassifierTests
{
    [Theory]
    // Twilio code decides, whatever the HTTP status.
    [InlineData(429, 20429, true, "20429", "concurrency")]
    [InlineData(429, 63018, true, "63018", "Rate limit")]
    [InlineData(400, 63018, true, "63018", "Rate limit")]
    [InlineData(400, 63016, false, "63016", "24-hour")]
    [InlineData(400, 21211, false, "21211", "Invalid 'To'")]
    [InlineData(400, 21614, false, "21614", "not a valid mobile")]
    [InlineData(400, 63003, false, "63003", "could not be found on WhatsApp")]
    [InlineData(401, 20003, false, "20003", "credentials")]
    [InlineData(404, 20404, false, "20404", "AccountSid and ApiBaseUrl")]
    [InlineData(400, 63007, false, "63007", "From setting")]
    [InlineData(400, 21610, false, "21610", "opted out")]
    // Unknown codes: the HTTP status decides.
    [InlineData(500, 20500, true, "20500", "HTTP 500")]
    [InlineData(503, 12345, true, "12345", "HTTP 503")]
    [InlineData(429, 12345, true, "12345", "HTTP 429")]
    [InlineData(408, 12345, true, "12345", "HTTP 408")]
    [InlineData(400, 21602, false, "21602", "HTTP 400")]
    [InlineData(403, 20008, false, "20008", "HTTP 403")]
    public void Classify_TwilioError_MapsToRetryOrPermanent(int http, int code, bool transient, string errorCode, string reasonPart)
    {
        var result = TwilioErrorClassifier.Classify((HttpStatusCode)http, new TwilioApiError(code, "Twilio says so", null, http));

        result.Accepted.ShouldBeFalse();
        result.Transient.ShouldBe(transient);
        result.ErrorCode.ShouldBe(errorCode);
        result.ErrorReason!.ShouldContain(reasonPart);
        result.ErrorReason!.ShouldContain("Twilio says so");
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(504, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    public void Classify_NoTwilioBody_UsesTheHttpStatus(int http, bool transient)
    {
        var result = TwilioErrorClassifier.Classify((HttpStatusCode)http, TwilioApiError.TryParse("<html>gateway</html>"));

        result.Transient.ShouldBe(transient);
        result.ErrorCode.ShouldBe($"http_{http}");
        result.ErrorReason.ShouldBe($"Twilio answered HTTP {http}");
    }

    [Fact]
    public void Classify_RetryAfter_IsPassedOn()
    {
        var result = TwilioErrorClassifier.Classify(HttpStatusCode.TooManyRequests, null, TimeSpan.FromSeconds(7));

        result.Transient.ShouldBeTrue();
        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void TryParse_ReadsTheSdkFixture()
    {
        var error = TwilioApiError.TryParse(TwilioPayloads.Read("error-response.sdk-test-fixture.json"));

        error.ShouldBe(new TwilioApiError(20001, "Bad request", "https://www.twilio.com/docs/errors/20001", 400));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("not json")]
    public void TryParse_NotTwiliosShape_IsNull(string? body)
    {
        TwilioApiError.TryParse(body).ShouldBeNull();
    }

    [Fact]
    public void TryParse_CodeAsString_IsRead()
    {
        TwilioApiError.TryParse("{\"code\":\"63016\",\"status\":\"400\"}")!.Code.ShouldBe(63016);
    }
}
