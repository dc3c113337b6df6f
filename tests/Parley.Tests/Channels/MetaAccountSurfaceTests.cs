using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Accounts;

namespace Parley.Tests.Channels;

/// <summary>
/// What Meta says about the business number rather than its messages (seed 003): the business profile read and changed
/// through Graph's <c>whatsapp_business_profile</c>, and account alerts, quality and messaging-limit updates recorded and
/// published as the outgoing webhook event <c>account.alert</c>.
/// </summary>
public sealed class MetaAccountSurfaceTests
{
    [Fact]
    public async Task AccountsProfile_ShowsTheProfile_AndSetChangesIt()
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var config = graph.AccountSettings("meta1").Select(kv => $"--{kv.Key}={kv.Value}").ToArray();

        var shown = await ParleyProcess.RunAsync(["accounts", "profile", "meta1", .. config, $"--Parley:DataDirectory={database.DataDirectory}"], timeout: TimeSpan.FromSeconds(90));
        shown.ExitCode.ShouldBe(0, shown.StdOut + shown.StdErr);
        shown.StdOut.ShouldContain("about: Hello from Parley");
        shown.StdOut.ShouldContain("websites: https://example.com");

        var changed = await ParleyProcess.RunAsync(
            ["accounts", "profile", "meta1", "--set", "about=Open 9-17", "--set", "websites=https://a.example,https://b.example", .. config,
             $"--Parley:DataDirectory={database.DataDirectory}"], timeout: TimeSpan.FromSeconds(90));
        changed.ExitCode.ShouldBe(0, changed.StdOut + changed.StdErr);
        changed.StdOut.ShouldContain("about: Open 9-17");
        graph.BusinessProfile["websites"]!.AsArray().Select(w => w!.GetValue<string>()).ShouldBe(["https://a.example", "https://b.example"]);
        var post = graph.Requests.Single(r => r.Method == "POST" && r.Path.EndsWith("/whatsapp_business_profile", StringComparison.Ordinal));
        JsonNode.Parse(post.Body)!["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");

        var wrong = await ParleyProcess.RunAsync(["accounts", "profile", "meta1", "--set", "color=red", .. config, $"--Parley:DataDirectory={database.DataDirectory}"],
            timeout: TimeSpan.FromSeconds(90));
        wrong.ExitCode.ShouldBe(1);
        wrong.StdErr.ShouldContain("color");
    }

    [Fact]
    public async Task QualityAndAlertWebhooks_AreRecorded_AndSentAsAccountAlert()
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = graph.AccountSettings("meta1");
        settings["Parley:Webhooks:AllowPrivateNetworks"] = "true"; // the receiver listens on 127.0.0.1
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, settings);
        using var api = await app.ApiClientAsync();
        (await api.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "account.alert" } })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var body = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = FakeMetaGraph.BusinessAccountId,
                ["time"] = 1767225600,
                ["changes"] = new JsonArray(
                    new JsonObject
                    {
                        ["field"] = "phone_number_quality_update",
                        ["value"] = new JsonObject
                        {
                            ["display_phone_number"] = FakeMetaGraph.DisplayPhoneNumber, ["event"] = "DOWNGRADE",
                            ["current_limit"] = "TIER_1K", ["old_limit"] = "TIER_10K",
                        },
                    },
                    new JsonObject
                    {
                        ["field"] = "account_alerts",
                        ["value"] = new JsonObject
                        {
                            ["entity_type"] = "BUSINESS", ["entity_id"] = "506914307656634",
                            ["alert_info"] = new JsonObject
                            {
                                ["alert_severity"] = "WARNING", ["alert_status"] = "NONE", ["alert_type"] = "INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED",
                                ["alert_description"] = "Limits cannot be increased at this time.",
                            },
                        },
                    }),
            }),
        }.ToJsonString();
        (await app.Client.PostMetaWebhookAsync("meta1", body)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var alerts = await app.Get<AccountAlerts>().ListAsync("meta1");
        alerts.Select(a => (a.Kind, a.Type)).ShouldBe([("account_alerts", "INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED"), ("phone_number_quality_update", "DOWNGRADE")]);
        alerts[1].MessagingLimit.ShouldBe("TIER_1K");
        alerts[0].Severity.ShouldBe("WARNING");

        var deliveries = await receiver.WaitForAsync(_ => true, 2);
        var events = deliveries.Select(d => JsonDocument.Parse(d.Body).RootElement).ToList();
        events.ShouldAllBe(e => e.GetProperty("type").GetString() == "account.alert" && e.GetProperty("accountId").GetString() == "meta1");
        events.Select(e => e.GetProperty("data").GetProperty("alert").GetProperty("type").GetString())
            .ShouldBe(["DOWNGRADE", "INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED"], ignoreOrder: true);
    }
}
