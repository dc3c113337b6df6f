using System.Net;
using System.Net.Sockets;

namespace Parley.Tests.Hosting;

/// <summary>
/// The real binary listens where ASP.NET Core's conventions say (--urls, Urls/ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS and
/// HTTPS_PORTS), and names every address in its start-up line.
/// </summary>
public sealed class ListenAddressTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parley-addresses-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Whatever the test runner's own environment says about addresses is removed first.</summary>
    private static Dictionary<string, string?> CleanEnvironment() => new()
    {
        ["ASPNETCORE_URLS"] = null, ["DOTNET_URLS"] = null, ["URLS"] = null, ["Urls"] = null,
        ["ASPNETCORE_HTTP_PORTS"] = null, ["ASPNETCORE_HTTPS_PORTS"] = null, ["DOTNET_HTTP_PORTS"] = null, ["DOTNET_HTTPS_PORTS"] = null,
        ["HTTP_PORTS"] = null, ["HTTPS_PORTS"] = null,
    };

    private string[] DataArgs() => [$"--Parley:DataDirectory={Path.Combine(_dir, "data")}"];

    [Fact]
    public async Task CommandLineUrls_AreWhereItListens_AndWinOverTheEnvironment()
    {
        int port = FreePort(), fromEnv = FreePort();
        var env = CleanEnvironment();
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{fromEnv}";
        await using var started = await StartAsync([$"--urls=http://127.0.0.1:{port}"], env);

        started.Addresses.ShouldBe([$"http://127.0.0.1:{port}"]);
        await ShouldAnswerAsync($"http://127.0.0.1:{port}");
    }

    // Regression: `Urls` in appsettings.json overrode ASPNETCORE_URLS, so Parley stayed on localhost:5000 (issue 21).
    [Fact]
    public async Task AspNetCoreUrls_WithTwoAddresses_ListensOnBoth_AndTheLineNamesBoth()
    {
        int a = FreePort(), b = FreePort();
        var env = CleanEnvironment();
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{a};http://127.0.0.1:{b}";
        await using var started = await StartAsync([], env);

        started.Addresses.ShouldBe([$"http://127.0.0.1:{a}", $"http://127.0.0.1:{b}"], ignoreOrder: true);
        await ShouldAnswerAsync($"http://127.0.0.1:{a}");
        await ShouldAnswerAsync($"http://127.0.0.1:{b}");
    }

    [Fact]
    public async Task UrlsSetting_FromTheEnvironment_IsWhereItListens()
    {
        var port = FreePort();
        var env = CleanEnvironment();
        env["Urls"] = $"http://127.0.0.1:{port}";
        await using var started = await StartAsync([], env);

        started.Addresses.ShouldBe([$"http://127.0.0.1:{port}"]);
        await ShouldAnswerAsync($"http://127.0.0.1:{port}");
    }

    [Fact]
    public async Task HttpAndHttpsPorts_ListenOnEveryInterface_HttpsWithAKestrelCertificate()
    {
        int http = FreePort(), https = FreePort();
        var certificate = TestCertificate.Create(Path.Combine(_dir, "tls"));
        var env = CleanEnvironment();
        env["ASPNETCORE_HTTP_PORTS"] = http.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["ASPNETCORE_HTTPS_PORTS"] = https.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["Kestrel__Certificates__Default__Path"] = certificate.CertificatePath;
        env["Kestrel__Certificates__Default__KeyPath"] = certificate.KeyPath;
        await using var started = await StartAsync([], env);

        started.Addresses.ShouldBe([$"http://[::]:{http}", $"https://[::]:{https}"], ignoreOrder: true);
        await ShouldAnswerAsync($"https://127.0.0.1:{https}");
        await ShouldAnswerAsync($"http://127.0.0.1:{http}");
    }

    [Fact]
    public async Task NothingGiven_IsLocalhost5000()
    {
        // Another program (a developer's own Parley) may hold port 5000 on a shared machine. Then the start fails, and
        // its one line names the address it tried: either way, the default is http://localhost:5000.
        var (exitCode, output) = await StartOrFailAsync([], CleanEnvironment());
        if (exitCode is null)
        {
            output.ShouldContain("Parley is listening on http://localhost:5000. Open the sandbox at http://localhost:5000/sandbox");
        }
        else
        {
            exitCode.ShouldBe(1);
            output.ShouldContain("error: cannot listen on http://localhost:5000");
        }
    }

    private async Task<Started> StartAsync(string[] args, Dictionary<string, string?> env)
    {
        var (process, addresses) = await ParleyProcess.StartAsync([.. args, .. DataArgs()], env, TimeSpan.FromSeconds(90));
        return new Started(process, addresses);
    }

    /// <summary>Null exit code: it started (and was stopped here); otherwise the exit code of a failed start.</summary>
    private async Task<(int? ExitCode, string Output)> StartOrFailAsync(string[] args, Dictionary<string, string?> env)
    {
        try
        {
            var (process, _) = await ParleyProcess.StartAsync([.. args, .. DataArgs()], env, TimeSpan.FromSeconds(90));
            await using (process)
            {
                return (null, process.Output);
            }
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Parley exited with ", StringComparison.Ordinal))
        {
            var code = int.Parse(ex.Message["Parley exited with ".Length..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return (code, ex.Message);
        }
    }

    private static async Task ShouldAnswerAsync(string baseUrl)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync(baseUrl + "/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, baseUrl);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Started(ParleyProcess Process, IReadOnlyList<string> Addresses) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
