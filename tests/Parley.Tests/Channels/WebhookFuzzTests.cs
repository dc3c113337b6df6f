using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Parley.Channels.Twilio;
using Parley.Testing.Payloads;
using Parley.Testing.Payloads.Acs;
using Parley.Tests.Faults;

namespace Parley.Tests.Channels;

/// <summary>
/// A verified delivery is never lost (issue 17, item 4): 10,000 mutations of the official sample payloads per provider,
/// each signed as the provider would sign it, posted to the webhooks. Whatever the bytes (lone surrogates, invalid
/// UTF-8, NULs, broken JSON, broken forms), no answer is a 5xx, and every delivery answered 2xx is stored (parsed, or
/// kept as a failed event to replay, with its exact bytes).
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class WebhookFuzzTests(ITestOutputHelper output)
{
    private const int Mutations = 10_000;
    private const int Parallel = 16;
    private const string AppSecret = "fuzz-app-secret";
    private const string AuthToken = "fuzz-auth-token";
    private const string AcsCode = "fuzz-code";

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Parley:PublicBaseUrl"] = "http://localhost",
        // Storage is what is under test: no bot answers the thousands of messages (nothing leaves the machine either).
        ["Parley:Workers:Enabled"] = "false",
        ["Parley:Accounts:0:Id"] = "meta1",
        ["Parley:Accounts:0:Provider"] = "meta",
        ["Parley:Accounts:0:PhoneNumberId"] = "106540352242922",
        ["Parley:Accounts:0:AccessToken"] = "token",
        ["Parley:Accounts:0:AppSecret"] = AppSecret,
        ["Parley:Accounts:0:VerifyToken"] = "verify",
        ["Parley:Accounts:1:Id"] = "acs1",
        ["Parley:Accounts:1:Provider"] = "acs",
        ["Parley:Accounts:1:Endpoint"] = "https://acs.invalid",
        ["Parley:Accounts:1:AccessKey"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("an-access-key")),
        ["Parley:Accounts:1:ChannelRegistrationId"] = "632bc5a3-ad96-4d0b-8b1f-6e5ef5c3d9e2",
        ["Parley:Accounts:1:WebhookSecret"] = AcsCode,
        ["Parley:Accounts:2:Id"] = "tw1",
        ["Parley:Accounts:2:Provider"] = "twilio",
        ["Parley:Accounts:2:AccountSid"] = "AC" + new string('1', 32),
        ["Parley:Accounts:2:AuthToken"] = AuthToken,
        ["Parley:Accounts:2:From"] = "whatsapp:+14155238886",
    };

    [Theory]
    [InlineData("meta")]
    [InlineData("acs")]
    [InlineData("twilio")]
    public async Task TenThousandSignedMutations_NoneIsAnswered5xx_AndEveryAcceptedOneIsStored(string provider)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings());
        var (accountId, samples) = Seeds(provider);
        var mutator = new WebhookMutator(seed: 17);
        var bodies = Enumerable.Range(0, Mutations)
            .Select(i => (Sample: samples[i % samples.Count].Name, Body: provider == "twilio" ? mutator.MutateForm(samples[i % samples.Count].Bytes) : mutator.MutateJson(samples[i % samples.Count].Bytes)))
            .ToList();
        var before = await CountStoredAsync(app, accountId);

        var statuses = new ConcurrentDictionary<int, int>();
        var validations = 0;
        var failures = new ConcurrentQueue<string>();
        await System.Threading.Tasks.Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (item, ct) =>
        {
            using var request = Signed(provider, item.Body, item.Sample);
            using var response = await app.Client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (text.Contains("validationResponse", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref validations);
            }

            if (status >= 500 && failures.Count < 5)
            {
                failures.Enqueue($"{status} for a mutation of {item.Sample} ({Convert.ToBase64String(item.Body)}): {text}");
            }
        });

        var accepted = statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value);
        var serverErrors = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        var stored = await CountStoredAsync(app, accountId) - before;
        var keptFailed = await CountStoredAsync(app, accountId, "state = 'failed'");
        var withBytes = await CountStoredAsync(app, accountId, "raw_body IS NOT NULL");
        output.WriteLine(FormattableString.Invariant(
            $"FUZZ {provider}: deliveries {Mutations}, answers {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}, 5xx {serverErrors}, accepted {accepted}, stored {stored} (parsed {stored - keptFailed}, kept as failed events to replay {keptFailed}; exact bytes kept beside the text {withBytes}; subscription validations {validations})"));

        serverErrors.ShouldBe(0, string.Join('\n', failures));
        stored.ShouldBe(accepted, "every delivery answered 2xx is stored, parsed or kept as failed (a subscription validation too)");
        accepted.ShouldBe(Mutations, "every signed delivery is accepted: after verification nothing is refused");
    }

    private static (string AccountId, List<(string Name, byte[] Bytes)> Samples) Seeds(string provider) => provider switch
    {
        "meta" => ("meta1", Samples.Names("Meta/inbound-").Select(n => (n, Samples.Bytes(n))).ToList()),
        "acs" => ("acs1", AcsPayloads.All()
            .Where(n => n.StartsWith("docs-", StringComparison.Ordinal) || n.StartsWith("advanced-message-", StringComparison.Ordinal) || n == "eventgrid-subscription-validation-event.json")
            .Select(n => (n, AcsPayloads.Bytes(n))).ToList()),
        // Twilio publishes no complete inbound form: these follow its documented fields (see TwilioForms).
        _ => ("tw1", new List<List<KeyValuePair<string, string>>>
            {
                TwilioForms.Text("SM" + new string('a', 32), "+15550001111", "¿Hola? Ça va 😀"),
                TwilioForms.Incoming("SM" + new string('b', 32), "+15550001111", numMedia: "1"),
                TwilioForms.Status("SM" + new string('c', 32), "delivered", "+15550001111"),
                TwilioForms.Status("SM" + new string('d', 32), "failed", "+15550001111", "63016", "Outside the window"),
            }.Select((f, i) => ($"form-{i}", Encoding.ASCII.GetBytes(string.Join('&', f.Select(kv => FormEscape(kv.Key) + "=" + FormEscape(kv.Value)))))).ToList()),
    };

    private static string FormEscape(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    private static HttpRequestMessage Signed(string provider, byte[] body, string sample)
    {
        switch (provider)
        {
            case "meta":
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/meta/meta1") { Content = Bytes(body, "application/json") };
                request.Headers.TryAddWithoutValidation(MetaWebhooks.SignatureHeader, MetaWebhooks.Sign(body, AppSecret));
                return request;
            }

            case "acs":
                return new HttpRequestMessage(HttpMethod.Post, $"/webhooks/acs/acs1?code={AcsCode}")
                {
                    Content = Bytes(body, sample.Contains("cloudevents", StringComparison.Ordinal) ? "application/cloudevents+json" : "application/json"),
                };

            default:
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio/tw1") { Content = Bytes(body, "application/x-www-form-urlencoded") };
                // Twilio signs the parameters it posts; a mangled form's parameters are what a form parser makes of it.
                request.Headers.TryAddWithoutValidation("X-Twilio-Signature", TwilioSignature.Compute("http://localhost/webhooks/twilio/tw1", TwilioForm.Parse(body).Fields, AuthToken));
                return request;
            }
        }
    }

    private static ByteArrayContent Bytes(byte[] body, string type)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return content;
    }

    private static async Task<long> CountStoredAsync(TestApp app, string accountId, string filter = "1 = 1")
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM webhook_events WHERE account_id = @accountId AND {filter}", new { accountId });
    }
}
