using System.Net;
using System.Text;

namespace Parley.Tests.Web;

/// <summary>Bad input gets a clear 4xx and loses nothing; never a 500.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(DatabaseKind.Sqlite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task MalformedJson_Is400ProblemDetails()
    {
        using var response = await _app.Client.PostAsync("/api/v1/sandbox/sandbox/messages",
            new StringContent("{\"from\": \"+15550001111\", \"text\": ", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Malformed JSON");
    }

    [Fact]
    public async Task MissingSender_Is400NamingTheField()
    {
        using var response = await _app.Client.PostAsync("/api/v1/sandbox/sandbox/messages",
            new StringContent("{\"text\": \"hi\"}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"from\"");
    }

    [Fact]
    public async Task BodyOver3MiB_Is413()
    {
        var big = "{\"from\":\"+15550001111\",\"text\":\"" + new string('a', 3 * 1024 * 1024) + "\"}";
        using var response = await _app.Client.PostAsync("/api/v1/sandbox/sandbox/messages", new StringContent(big, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task UnknownAccount_Is404()
    {
        using var response = await _app.Client.PostAsync("/api/v1/sandbox/nobody/messages",
            new StringContent("{\"from\":\"+15550001111\",\"text\":\"hi\"}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TextOverWhatsAppLimit_Is400()
    {
        using var response = await _app.Client.PostAsync("/api/v1/sandbox/sandbox/messages",
            new StringContent("{\"from\":\"+15550001111\",\"text\":\"" + new string('a', 5000) + "\"}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("4,096");
    }

    [Fact]
    public async Task Health_AndReadiness_AnswerJson()
    {
        (await _app.Client.GetStringAsync("/health")).ShouldContain("\"status\":\"healthy\"");
        var ready = await _app.Client.GetStringAsync("/health/ready");
        ready.ShouldContain("\"database\"");
        var modules = await _app.Get<Parley.Core.Storage.Migrator>().StatusAsync();
        modules.Select(m => m.Module).ShouldBe(["core", "ai", "bots", "identity", "booking", "clinic"], ignoreOrder: true);
        modules.ShouldAllBe(m => m.Current);
        ready.ShouldContain($"\"schema\":\"{string.Join(", ", modules.Select(m => $"{m.Module} {m.Applied}"))}\"");
    }
}
