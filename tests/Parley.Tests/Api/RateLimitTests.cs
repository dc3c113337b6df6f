using System.Net;
using Parley.Core.ApiKeys;

namespace Parley.Tests.Api;

/// <summary>Per-key limits: over the limit, 429 problem details with Retry-After; other keys are not affected.</summary>
public sealed class RateLimitTests
{
    [Theory]
    [InlineData("fixed")]
    [InlineData("sliding")]
    public async Task OverTheLimit_Is429WithRetryAfter_PerKey(string kind)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Api:RateLimit:PermitLimit"] = "3",
            ["Parley:Api:RateLimit:Window"] = "00:10:00",
            ["Parley:Api:RateLimit:Kind"] = kind,
        });
        using var first = await app.ApiClientAsync(ApiScopes.Read);
        using var second = await app.ApiClientAsync(ApiScopes.Read);

        for (var i = 0; i < 3; i++)
        {
            (await first.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var limited = await first.GetAsync("/api/v1/conversations");
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 600);

        (await second.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task BadLimitSetting_StopsTheStart_NamingTheKey()
    {
        var ex = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Api:RateLimit:Kind"] = "leaky" });
            await app.Client.GetAsync("/health");
        });
        ex.ToString().ShouldContain("Parley:Api:RateLimit:Kind");
    }
}
