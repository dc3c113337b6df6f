using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Clinic.Demo;
using Parley.Core.ApiKeys;
using Parley.Core.Storage;
using Parley.Testing;
using Parley.Testing.Fakes;

namespace Parley.Clinic.Tests.Web;

/// <summary>Outgoing webhooks of the clinic account carry no text, names or numbers unless a setting allows it.</summary>
public sealed class ClinicWebhookTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReceivedMessages_OfTheClinicAccount_AreRedactedByDefault(bool allowed)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Clinic:RemindersEnabled"] = "false",
            ["Parley:Clinic:ClinicalContentInWebhooks"] = allowed ? "true" : "false",
            ["Parley:Webhooks:PollInterval"] = "00:00:00.100",
            ["Parley:Webhooks:AllowPrivateNetworks"] = "true", // the receiver listens on 127.0.0.1
            ["Parley:Sandbox:OutgoingWebhooks"] = "true", // the clinic's demo account is a sandbox account
        });
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        (await api.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "message.received" } })).StatusCode.ShouldBe(HttpStatusCode.Created);

        await app.SandboxFor("clinic").SendAsync(DemoClinic.PatientPhone, "my chest hurts", name: "Pat");

        var hook = (await receiver.WaitForAsync(r => r.Headers.GetValueOrDefault("X-Parley-Event") == "message.received")).Single();
        if (allowed)
        {
            hook.Body.ShouldContain("my chest hurts");
        }
        else
        {
            hook.Body.ShouldNotContain("chest");
            hook.Body.ShouldNotContain("15550100001");
            hook.Body.ShouldNotContain("Pat");
            JsonDocument.Parse(hook.Body).RootElement.GetProperty("data").GetProperty("message").GetProperty("redacted").GetBoolean().ShouldBeTrue();
        }
    }
}
