using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Core.ApiKeys;
using Parley.Core.Conversations;
using Parley.Core.Storage;
using Parley.Identity.Codes;
using Parley.Testing;

namespace Parley.Identity.Tests.Web;

public sealed partial class IdentityApiTests
{
    private const string Phone = "+15550001111";

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();

    [Fact]
    public async Task A_whole_sign_in_over_http_leaves_no_code_in_logs_api_or_stored_thread()
    {
        var capture = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information", ["Logging:LogLevel:Parley"] = "Trace" };
        string code;
        await using (var app = await TestApp.StartAsync(DatabaseKind.Sqlite, settings, services: s => s.AddSingleton<ILoggerProvider>(capture)))
        {
            // The person writes first (the 24-hour window is open): the code comes as a message in their sandbox phone.
            await app.Sandbox.SendAsync(Phone, "hola");
            using (var asked = await app.Client.PostAsJsonAsync("/api/v1/auth/otp", new { phone = Phone }))
            {
                asked.StatusCode.ShouldBe(HttpStatusCode.Accepted, await asked.Content.ReadAsStringAsync());
            }

            code = await CodeFromPhoneAsync(app);

            using (var wrongPhone = await app.Client.PostAsJsonAsync("/api/v1/auth/otp/verify", new { phone = "12", code }))
            {
                wrongPhone.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
                (await ErrorsAsync(wrongPhone)).ShouldBe(["phone"]);
            }

            using (var noCode = await app.Client.PostAsJsonAsync("/api/v1/auth/otp/verify", new { phone = Phone, code = "12ab" }))
            {
                (await ErrorsAsync(noCode)).ShouldBe(["code"]);
            }

            using var verified = await app.Client.PostAsJsonAsync("/api/v1/auth/otp/verify", new { phone = Phone, code });
            var verifiedText = await verified.Content.ReadAsStringAsync();
            verified.StatusCode.ShouldBe(HttpStatusCode.OK, verifiedText);
            verifiedText.ShouldNotContain(code);
            var token = JsonDocument.Parse(verifiedText).RootElement.GetProperty("token").GetString()!;
            var cookie = verified.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("parley_session=", StringComparison.Ordinal));
            cookie.ShouldContain("httponly", Case.Insensitive);
            cookie.ShouldContain("samesite=lax", Case.Insensitive);

            using var client = app.CreateClient();
            (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
            me.GetProperty("phone").GetString().ShouldBe(Phone);

            var metrics = await app.Client.GetStringAsync("/metrics");
            Series(metrics, "parley_identity_codes_sent_total").ShouldBe(1);
            Series(metrics, "parley_identity_codes_verified_total").ShouldBe(1);

            (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

            // The admin thread and the API read the stored message: the code is masked there.
            var conversationId = (await app.Get<ConversationQueries>().FindIdAsync("sandbox", "15550001111", default))!.Value;
            var thread = await app.Get<ConversationQueries>().MessagesAsync(conversationId, null, 50, default);
            thread.Items.ShouldContain(m => m.Content.Text != null && m.Content.Text.Contains(CodeSecrets.Mask, StringComparison.Ordinal));
            thread.Items.ShouldAllBe(m => m.Content.Text == null || !m.Content.Text.Contains(code, StringComparison.Ordinal));
            using var api = await app.ApiClientAsync(ApiScopes.Read);
            var apiThread = await api.GetStringAsync($"/api/v1/conversations/{conversationId}/messages");
            apiThread.ShouldContain(CodeSecrets.Mask);
            apiThread.ShouldNotContain(code);
        }

        capture.Entries.ShouldContain(e => e.Category.StartsWith("Parley.Identity", StringComparison.Ordinal), "Identity's own lines were captured");
        foreach (var entry in capture.Entries)
        {
            entry.AllText().ShouldNotContain(code, Case.Sensitive, $"the code in {entry.Level} {entry.Category}: {entry.Message}");
        }
    }

    [Fact]
    public async Task The_fourth_code_request_is_429_with_retry_after_and_bad_input_names_the_field()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using (var bad = await app.Client.PostAsJsonAsync("/api/v1/auth/otp", new { phone = "not a phone" }))
        {
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ErrorsAsync(bad)).ShouldBe(["phone"]);
        }

        for (var i = 0; i < 3; i++)
        {
            using var ok = await app.Client.PostAsJsonAsync("/api/v1/auth/otp", new { phone = Phone, account = "sandbox" });
            ok.StatusCode.ShouldBe(HttpStatusCode.Accepted, await ok.Content.ReadAsStringAsync());
        }

        using var refused = await app.Client.PostAsJsonAsync("/api/v1/auth/otp", new { phone = Phone, account = "sandbox" });
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 600);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString()!.ShouldContain("try again in");

        using (var wrong = await app.Client.PostAsJsonAsync("/api/v1/auth/otp/verify", new { phone = Phone, code = "000000" }))
        {
            wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        // Issue 13's metrics: codes sent, refused by the limit, failed checks (a wrong code: 1 in a million to be right).
        var metrics = await app.Client.GetStringAsync("/metrics");
        Series(metrics, "parley_identity_codes_sent_total").ShouldBe(3);
        Series(metrics, "parley_identity_codes_refused_total{reason=\"too_many\"}").ShouldBe(1);
        Series(metrics, "parley_identity_codes_failed_total").ShouldBe(1);
    }

    /// <summary>The sum of a counter's series in Prometheus text (<c>name</c> alone sums every label set; <c>name{…}</c> is one).</summary>
    private static double Series(string metrics, string series) =>
        metrics.Split('\n')
            .Where(l => series.Contains('{', StringComparison.Ordinal)
                ? l.StartsWith(series + " ", StringComparison.Ordinal)
                : l.StartsWith(series + " ", StringComparison.Ordinal) || l.StartsWith(series + "{", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(double.NaN)
            .Sum();

    [Fact]
    public async Task The_openapi_document_describes_the_sign_in_routes()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        var doc = await app.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/auth/otp", "/api/v1/auth/otp/verify", "/api/v1/auth/logout", "/api/v1/auth/me" })
        {
            paths.TryGetProperty(path, out _).ShouldBeTrue(path);
        }

        paths.GetProperty("/api/v1/auth/otp").GetProperty("post").GetProperty("responses").TryGetProperty("202", out _).ShouldBeTrue();
        paths.GetProperty("/api/v1/auth/me").GetProperty("get").GetProperty("security")[0].TryGetProperty("ParleyIdentity", out _).ShouldBeTrue();
        doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ParleyIdentity", out _).ShouldBeTrue();
    }

    /// <summary>The code as the person's (sandbox) phone shows it.</summary>
    internal static async Task<string> CodeFromPhoneAsync(TestApp app, string phone = Phone)
    {
        var thread = await app.Sandbox.WaitAsync(phone, t => t.Any(m => m.Direction == "outbound" && m.Text?.Contains("sign-in code", StringComparison.Ordinal) == true));
        var text = thread.Last(m => m.Direction == "outbound" && m.Text?.Contains("sign-in code", StringComparison.Ordinal) == true).Text!;
        text.ShouldContain("Never share this code");
        return SixDigits().Match(text).Groups[1].Value;
    }

    private static async Task<string[]> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }
}
