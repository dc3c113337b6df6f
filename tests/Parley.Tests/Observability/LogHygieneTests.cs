using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Tests.Observability;

/// <summary>
/// What Parley writes to its logs while it handles conversations: phone numbers only masked, message bodies and
/// secrets never at Information or above, and every message's lines tied together by a correlation id.
/// </summary>
public sealed class LogHygieneTests
{
    private const string Phone = "+15550001111";
    private const string PhoneDigits = "15550001111";
    private const string Body = "my private words about the appointment";

    [Fact]
    public async Task Conversation_LogsMaskPhones_KeepBodiesBelowInformation_AndCarryCorrelationIds()
    {
        var capture = new CapturingLoggerProvider();
        await using var graph = await FakeMetaGraph.StartAsync();
        var settings = new Dictionary<string, string?>(graph.AccountSettings())
        {
            // Parley's own categories at every level; the framework at Information (the shipped default).
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Parley"] = "Trace",
        };
        await using (var app = await TestApp.StartAsync(DatabaseKind.Sqlite, settings, services: s => s.AddSingleton<ILoggerProvider>(capture)))
        {
            await app.SandboxFor("echo").SendAsync(Phone, Body, name: "Ana");
            await app.SandboxFor("echo").SendAsync(Phone, "help");
            await app.SandboxFor("echo").WaitForRepliesAsync(Phone, 3);

            // The same through Meta: a signed webhook in, the reply out through the (fake) Graph API, and a forged one.
            using (var ok = await app.Client.PostMetaWebhookAsync("meta1", MetaWebhooks.Text(PhoneDigits, Body, "wamid.hygiene.1", timestamp: NowSeconds())))
            {
                ok.EnsureSuccessStatusCode();
            }

            using (var forged = await app.Client.PostMetaWebhookAsync("meta1", MetaWebhooks.Text(PhoneDigits, Body, "wamid.hygiene.2"), secret: "not-the-secret"))
            {
                ((int)forged.StatusCode).ShouldBe(401);
            }

            await graph.WaitForAcceptedAsync(2);
        }

        var entries = capture.Entries;
        entries.ShouldNotBeEmpty();
        entries.ShouldContain(e => e.Category.StartsWith("Parley.", StringComparison.Ordinal) && e.Level == LogLevel.Debug,
            "Parley's debug lines were captured, so the checks below saw them");

        foreach (var entry in entries)
        {
            var text = entry.AllText();
            text.ShouldNotContain(PhoneDigits, Case.Sensitive, $"unmasked phone number in {entry.Level} {entry.Category}: {entry.Message}");
            text.ShouldNotContain(FakeMetaGraph.AccessToken, Case.Sensitive, $"access token in {entry.Level} {entry.Category}: {entry.Message}");
            text.ShouldNotContain(FakeMetaGraph.AppSecret, Case.Sensitive, $"app secret in {entry.Level} {entry.Category}: {entry.Message}");
            if (entry.Level >= LogLevel.Information)
            {
                text.ShouldNotContain(Body, Case.Sensitive, $"message body at {entry.Level} in {entry.Category}: {entry.Message}");
                text.ShouldNotContain("You said", Case.Sensitive, $"reply body at {entry.Level} in {entry.Category}: {entry.Message}");
            }
        }

        // Processing a message and sending its replies log under the inbound message's correlation id.
        var correlated = entries.Where(e => e.Scopes.Any(s => s.ContainsKey("CorrelationId"))).ToList();
        correlated.ShouldContain(e => e.Category == "Parley.Core.Inbound.InboundProcessor");
        correlated.Select(e => e.Scopes.First(s => s.ContainsKey("CorrelationId"))["CorrelationId"]).ShouldAllBe(id => id.StartsWith('m'));
    }

    [Fact]
    public async Task JsonFormat_EveryLineIsAJsonObject_WithScopesAsProperties()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var settings = new Dictionary<string, string?>(database.Settings())
        {
            ["Parley:Logging:Format"] = "json",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Parley"] = "Debug",
        };
        var (process, baseUrl) = await ParleyProcess.StartServerAsync(settings);
        await using (process)
        {
            using var client = new HttpClient { BaseAddress = baseUrl };
            var sandbox = new SandboxClient(client, "echo");
            await sandbox.SendAsync(Phone, Body);
            await sandbox.WaitForRepliesAsync(Phone, 2);
            // The logger writes on its own thread: give it the lines of the last send.
            await WaitUntilAsync(() => process.Output.Contains("\"CorrelationId\"", StringComparison.Ordinal));
        }

        var lines = process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBeGreaterThan(3);
        var withCorrelation = 0;
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            root.GetProperty("LogLevel").GetString().ShouldNotBeNullOrEmpty();
            root.GetProperty("Category").GetString().ShouldNotBeNullOrEmpty();
            root.TryGetProperty("Message", out _).ShouldBeTrue();
            line.ShouldNotContain(PhoneDigits);
            if (root.TryGetProperty("Scopes", out var scopes) && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("CorrelationId", out _)))
            {
                withCorrelation++;
            }
        }

        withCorrelation.ShouldBeGreaterThan(0);
    }

    private static long NowSeconds() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
