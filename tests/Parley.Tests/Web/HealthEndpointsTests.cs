using System.Globalization;
using System.Text.Json;

namespace Parley.Tests.Web;

/// <summary>
/// <c>/health/ready</c> answers in the shape HealthChecks UI reads (<c>status</c>, <c>totalDuration</c>, <c>entries</c>)
/// and keeps the fields scripts already read (<c>totalMs</c>, <c>checks</c>, lower-case <c>status</c>).
/// </summary>
public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Ready_HasHealthChecksUisShape_AndTodaysFields()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);

        var json = JsonDocument.Parse(await app.Client.GetStringAsync("/health/ready")).RootElement;

        json.GetProperty("status").GetString().ShouldBe("healthy");
        TimeSpan.ParseExact(json.GetProperty("totalDuration").GetString()!, "c", CultureInfo.InvariantCulture).ShouldBeGreaterThan(TimeSpan.Zero);
        var database = json.GetProperty("entries").GetProperty("database");
        Enum.Parse<Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus>(database.GetProperty("status").GetString()!)
            .ShouldBe(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
        TimeSpan.ParseExact(database.GetProperty("duration").GetString()!, "c", CultureInfo.InvariantCulture);
        database.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldContain("ready");
        database.GetProperty("data").GetProperty("schema").GetString()!.ShouldStartWith("core ");
        json.GetProperty("totalMs").GetDouble().ShouldBeGreaterThan(0);
        json.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("healthy");
        json.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().ShouldBe("healthy");
    }
}
