using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Tests.Channels;

/// <summary>
/// Forged webhooks of every provider are treated alike: each is refused and counted in
/// <c>parley_webhooks_rejected_total</c>, and the log gets one warning a minute per account, not one per request.
/// </summary>
public sealed class ForgedWebhookTests
{
    private const int Forged = 1_000;

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Parley:PublicBaseUrl"] = "http://localhost",
        ["Parley:Accounts:0:Id"] = "tw1",
        ["Parley:Accounts:0:Provider"] = "twilio",
        ["Parley:Accounts:0:AccountSid"] = "AC" + new string('1', 32),
        ["Parley:Accounts:0:AuthToken"] = "the-auth-token",
        ["Parley:Accounts:0:From"] = "whatsapp:+14155238886",
        ["Parley:Accounts:1:Id"] = "acs1",
        ["Parley:Accounts:1:Provider"] = "acs",
        ["Parley:Accounts:1:Endpoint"] = "https://acs.invalid",
        ["Parley:Accounts:1:AccessKey"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("an-access-key")),
        ["Parley:Accounts:1:ChannelRegistrationId"] = Guid.NewGuid().ToString(),
        ["Parley:Accounts:1:WebhookSecret"] = "s3cret",
        ["Parley:Accounts:2:Id"] = "meta1",
        ["Parley:Accounts:2:Provider"] = "meta",
        ["Parley:Accounts:2:PhoneNumberId"] = "106540352242922",
        ["Parley:Accounts:2:AccessToken"] = "token",
        ["Parley:Accounts:2:AppSecret"] = "the-app-secret",
        ["Parley:Accounts:2:VerifyToken"] = "verify",
    };

    // Regression (issue 17, item 5): forged Twilio and ACS requests wrote one warning each and were not counted.
    [Fact]
    public async Task AThousandForgedRequests_PerProvider_AreCounted_AndWarnedOnce()
    {
        var capture = new CapturingLoggerProvider();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(), services: s => s.AddSingleton<ILoggerProvider>(capture));
        var twilioForm = "MessageSid=SM" + new string('a', 32) + "&From=whatsapp%3A%2B15550001111&To=whatsapp%3A%2B14155238886&Body=hi";
        var metaBody = """{"object":"whatsapp_business_account","entry":[]}""";

        for (var i = 0; i < Forged; i++)
        {
            using var twilio = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio/tw1")
            {
                Content = new StringContent(twilioForm, Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            twilio.Headers.Add("X-Twilio-Signature", "Zm9yZ2Vk" + i.ToString(CultureInfo.InvariantCulture));
            using (var answer = await app.Client.SendAsync(twilio))
            {
                answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            }

            using (var answer = await app.Client.PostAsync($"/webhooks/acs/acs1?code=guess{i}", new StringContent("[]", Encoding.UTF8, "application/json")))
            {
                answer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            }

            using (var answer = await app.Client.PostMetaWebhookAsync("meta1", metaBody, secret: "not-the-secret"))
            {
                answer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            }
        }

        var metrics = await app.Client.GetStringAsync("/metrics");
        foreach (var provider in new[] { "twilio", "acs", "meta" })
        {
            Value(metrics, $"parley_webhooks_rejected_total{{provider=\"{provider}\",reason=\"signature\"}}").ShouldBe(Forged, provider);
        }

        var warnings = capture.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("refused", StringComparison.Ordinal)).ToList();
        warnings.Count(w => w.Message.StartsWith("Twilio webhook", StringComparison.Ordinal)).ShouldBe(1, string.Join('\n', warnings.Select(w => w.Message).Take(5)));
        warnings.Count(w => w.Message.StartsWith("ACS webhook", StringComparison.Ordinal)).ShouldBe(1);
        warnings.Count(w => w.Message.StartsWith("Meta webhook", StringComparison.Ordinal)).ShouldBe(1);
    }

    private static double Value(string text, string series)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new ShouldAssertException($"no series {series} in:\n{text}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
