using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Core.ApiKeys;
using Parley.Core.Operators;

namespace Parley.Tests.Hosting;

/// <summary>
/// Parley behind Debian's nginx with docs/deploy/nginx/parley.conf (TLS with a certificate made here): two instances on
/// PostgreSQL when PARLEY_TEST_POSTGRES is set, else one on SQLite (two instances on one SQLite file are not a supported
/// setup). Clients play distinct machines on loopback: 127.0.0.2 and 127.0.0.4 through nginx, 127.0.0.4 straight to an
/// instance; nginx connects from 127.0.0.1, the only configured proxy. The public name parley.test maps to 127.0.0.1.
/// </summary>
public sealed class ReverseProxyTests(ITestOutputHelper output) : IDisposable
{
    private const string PublicHost = "parley.test";
    private const string Email = "ops@example.com";
    private const string Password = "a long enough secret";
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress OtherClient = IPAddress.Parse("127.0.0.4");
    private readonly string _dir = Directory.CreateTempSubdirectory("parley-proxy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [NginxFact]
    public async Task ThroughNginx_WebhooksVerify_CookieIsSecure_ClientAddressIsReal_CircuitsAndLargeUploadsPass()
    {
        var twoInstances = TestDatabase.PostgresConnectionString is not null;
        output.WriteLine(twoInstances ? "two instances on PostgreSQL" : "one instance on SQLite (PARLEY_TEST_POSTGRES is not set)");
        await using var database = await TestDatabase.CreateAsync(twoInstances ? DatabaseKind.Postgres : DatabaseKind.Sqlite);
        await using var twilio = await FakeTwilio.StartAsync();
        int https = FreePort(), http = FreePort();
        var publicUrl = $"https://{PublicHost}:{https}";
        // One capture per instance: a capture keeps the scopes of the one logger factory that registered it last.
        CapturingLoggerProvider logsA = new(), logsB = new();

        // The second instance has no Parley:PublicBaseUrl: the URL it checks Twilio's signature against comes from the
        // forwarded scheme and the Host nginx passes on, and must be the same public URL.
        await using var a = TestApp.Start(database, Settings(twilio, publicUrl), kestrel: true, services: s => s.AddSingleton<ILoggerProvider>(logsA));
        await using var b = twoInstances ? TestApp.Start(database, Settings(twilio, null), kestrel: true, services: s => s.AddSingleton<ILoggerProvider>(logsB)) : null;
        TestApp[] instances = b is null ? [a] : [a, b];

        var certificate = TestCertificate.Create(Path.Combine(_dir, "tls"), PublicHost);
        var site = Adapt(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "deploy", "parley.conf")), https, http, certificate, [.. instances.Select(i => i.BaseUrl.Port)]);
        var nginxDir = Path.Combine(_dir, "nginx");
        Directory.CreateDirectory(nginxDir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        await using var nginx = await NginxServer.StartAsync(nginxDir, site, https);
        try
        {
            using var client = LoopbackClient.Create(Client, certificate.Load());
            using var other = LoopbackClient.Create(OtherClient, certificate.Load());

            // Plain HTTP is sent to HTTPS.
            using (var redirect = await client.GetAsync($"http://{PublicHost}:{http}/sandbox"))
            {
                redirect.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
                redirect.Headers.Location!.ToString().ShouldStartWith($"https://{PublicHost}");
            }

            await WebhooksVerifyOverThePublicUrlAsync(client, publicUrl, instances);
            await ClientAddressIsTheRealOneAsync(client, other, publicUrl, instances, [logsA, logsB]);
            await RateLimitsSeeTheRealClientAsync(client, other, publicUrl, instances.Length);
            await LargeUploadPassesAsync(client, publicUrl, a);
            await AdminCircuitPassesWithASecureCookieAsync(publicUrl, a, https);
        }
        catch
        {
            output.WriteLine("nginx error log:\n" + nginx.ErrorLog);
            output.WriteLine("nginx access log:\n" + nginx.AccessLog);
            throw;
        }
    }

    private static async Task WebhooksVerifyOverThePublicUrlAsync(HttpClient client, string publicUrl, TestApp[] instances)
    {
        const string path = "/webhooks/twilio/tw";
        // Several deliveries, so that both instances (round robin) take some.
        for (var i = 0; i < 4; i++)
        {
            var form = TwilioForms.Text(TwilioForms.NewMessageSid(), "+15550007777", $"through the proxy {i}");
            using var response = await TwilioForms.PostSignedAsync(client, publicUrl + path, form, FakeTwilio.DefaultAuthToken, publicUrl + path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            (await response.Content.ReadAsStringAsync()).ShouldBe("<Response></Response>");
        }

        // Signed over the address the instance listens on: not what Twilio signs, refused.
        var forged = TwilioForms.Text(TwilioForms.NewMessageSid(), "+15550007777", "signed for the wrong URL");
        using var refused = await TwilioForms.PostSignedAsync(client, publicUrl + path, forged, FakeTwilio.DefaultAuthToken, instances[0].BaseUrl.ToString().TrimEnd('/') + path);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task ClientAddressIsTheRealOneAsync(HttpClient client, HttpClient other, string publicUrl, TestApp[] instances, CapturingLoggerProvider[] logs)
    {
        // Through nginx from 127.0.0.2: HTTPS as the browser used it (HSTS is sent), the client's own address in the logs.
        using (var health = await client.GetAsync(publicUrl + "/health"))
        {
            health.StatusCode.ShouldBe(HttpStatusCode.OK);
            health.Headers.Contains("Strict-Transport-Security").ShouldBeTrue("HSTS over HTTPS through the proxy");
        }

        ClientIpsFor(logs, "/health").ShouldBe(["127.0.0.2"]);

        // Straight to an instance from 127.0.0.4, with forged headers: not a configured proxy, so they are ignored.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, $"http://{PublicHost}:{instances[0].BaseUrl.Port}/health/ready");
        spoofed.Headers.Add("X-Forwarded-For", "198.51.100.7");
        spoofed.Headers.Add("X-Forwarded-Proto", "https");
        using var direct = await other.SendAsync(spoofed);
        direct.IsSuccessStatusCode.ShouldBeTrue();
        direct.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("a forged X-Forwarded-Proto must not make the request HTTPS");
        ClientIpsFor(logs, "/health/ready").ShouldBe(["127.0.0.4"]);
    }

    private static async Task RateLimitsSeeTheRealClientAsync(HttpClient client, HttpClient other, string publicUrl, int instanceCount)
    {
        // Each instance allows 3 requests per client address and hour (Settings): 8 from one client must meet 429s.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await client.GetAsync(publicUrl + "/api/v1/conversations");
            statuses.Add(response.StatusCode);
        }

        statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBeGreaterThanOrEqualTo(8 - (3 * instanceCount), string.Join(", ", statuses));
        statuses.ShouldAllBe(s => s == HttpStatusCode.TooManyRequests || s == HttpStatusCode.Unauthorized);

        // Another client through the same proxy has its own allowance: had Parley counted nginx's address, it would be spent.
        for (var i = 0; i < 2; i++)
        {
            using var response = await other.GetAsync(publicUrl + "/api/v1/conversations");
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    private static async Task LargeUploadPassesAsync(HttpClient client, string publicUrl, TestApp app)
    {
        var key = await app.Get<ApiKeyStore>().CreateAsync("proxy", [ApiScopes.Read, ApiScopes.MessagesSend]);
        var bytes = new byte[40 * 1024 * 1024];
        new Random(21).NextBytes(bytes);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "catalogue.pdf");
        using var upload = new HttpRequestMessage(HttpMethod.Post, publicUrl + "/api/v1/media") { Content = form };
        upload.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Key);
        using var response = await client.SendAsync(upload);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).ShouldContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    private static async Task AdminCircuitPassesWithASecureCookieAsync(string publicUrl, TestApp app, int https)
    {
        await app.Get<OperatorStore>().CreateAsync(Email, "Ops", OperatorRoles.Admin, Password);
        await using var browser = await Browser.LaunchAsync($"--host-resolver-rules=MAP {PublicHost} 127.0.0.1");
        var page = await browser.NewPageAsync(new() { IgnoreHTTPSErrors = true });
        var sockets = new List<string>();
        page.WebSocket += (_, ws) => sockets.Add(ws.Url);

        await page.GotoAsync(publicUrl + "/admin/login");
        await page.FillAsync("[data-testid=email]", Email);
        await page.FillAsync("[data-testid=password]", Password);
        await Task.WhenAll(page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal)), page.ClickAsync("[data-testid=signin]"));

        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "parley_admin");
        cookie.Secure.ShouldBeTrue();
        cookie.HttpOnly.ShouldBeTrue();

        // A live page: the preview is drawn by the server over the circuit, which is a WebSocket through nginx.
        await page.GotoAsync(publicUrl + "/admin/templates/new");
        await page.Locator("[data-testid=template-editor][data-interactive=true]").WaitForAsync();
        await page.FillAsync("[data-testid=template-body]", "Hi {{1}}, your table is ready.");
        await page.FillAsync("[data-testid=sample-param][data-name='1']", "Bo");
        await page.Locator("[data-testid=template-preview-text]", new() { HasText = "Hi Bo, your table is ready." }).WaitForAsync();
        sockets.ShouldContain(url => url.StartsWith($"wss://{PublicHost}:{https}/admin/_blazor", StringComparison.Ordinal), string.Join(", ", sockets));
    }

    /// <summary>The client address in the log scope of every entry written while serving <paramref name="path"/>.</summary>
    private static List<string> ClientIpsFor(CapturingLoggerProvider[] logs, string path) =>
        [.. logs.SelectMany(l => l.Entries)
            .Select(e => e.Scopes.SelectMany(s => s).ToList())
            .Where(scope => scope.Any(kv => kv.Key == "RequestPath" && kv.Value == path))
            .Select(scope => scope.FirstOrDefault(kv => kv.Key == "ClientIp").Value ?? "(none)")
            .Distinct()];

    private static Dictionary<string, string?> Settings(FakeTwilio twilio, string? publicBaseUrl) => new()
    {
        ["Parley:ForwardedHeaders:KnownProxies"] = "127.0.0.1",
        ["Parley:PublicBaseUrl"] = publicBaseUrl,
        ["Parley:Hsts:Enabled"] = "true",
        ["Parley:Api:RateLimit:PermitLimit"] = "3",
        ["Parley:Api:RateLimit:Window"] = "01:00:00",
        ["Parley:Accounts:0:Id"] = "tw",
        ["Parley:Accounts:0:Provider"] = "twilio",
        ["Parley:Accounts:0:Bot"] = "echo",
        ["Parley:Accounts:0:AccountSid"] = twilio.AccountSid,
        ["Parley:Accounts:0:AuthToken"] = twilio.AuthToken,
        ["Parley:Accounts:0:From"] = TwilioForms.BusinessNumber,
        ["Parley:Accounts:0:ApiBaseUrl"] = twilio.BaseUrl,
        // Entries written inside the pipeline (the endpoint's own) carry the request's scopes: path and client address.
        ["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointMiddleware"] = "Information",
    };

    /// <summary>
    /// The documented site with this machine's values: listening ports on 127.0.0.1, the instances' ports, the test
    /// certificate and name. Each replacement must match, so a change to the documented file cannot go unnoticed here.
    /// </summary>
    private static string Adapt(string site, int https, int http, TestCertificate certificate, int[] ports)
    {
        site = Replace(site, @"^\s*listen \[::\]:\d+.*\n", "");
        site = Replace(site, @"listen 443 ssl", $"listen 127.0.0.1:{https} ssl");
        site = Replace(site, @"listen 80;", $"listen 127.0.0.1:{http};");
        site = Replace(site, @"bot\.example\.com;", $"{PublicHost};");
        site = Replace(site, @"ssl_certificate\s+/\S+;", $"ssl_certificate {certificate.CertificatePath};");
        site = Replace(site, @"ssl_certificate_key\s+/\S+;", $"ssl_certificate_key {certificate.KeyPath};");
        site = Replace(site, @"server 127\.0\.0\.1:5001", $"server 127.0.0.1:{ports[0]}");
        site = ports.Length > 1
            ? Replace(site, @"server 127\.0\.0\.1:5002", $"server 127.0.0.1:{ports[1]}")
            : Replace(site, @"^\s*server 127\.0\.0\.1:5002.*\n", "");
        return site;
    }

    private static string Replace(string text, string pattern, string replacement)
    {
        var regex = new Regex(pattern, RegexOptions.Multiline);
        regex.IsMatch(text).ShouldBeTrue($"docs/deploy/nginx/parley.conf no longer has '{pattern}'");
        return regex.Replace(text, replacement.Replace("$", "$$", StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
