using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Channels.Sandbox;
using Parley.Core.Storage;

namespace Parley.Testing;

/// <summary>
/// Parley in-process for one test, on its own database and data directory, driven through HTTP.
/// Keeps tests short: <c>await app.Sandbox.SendAsync("+1555…", "hola")</c>, <c>await app.Sandbox.WaitForRepliesAsync(...)</c>.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly ParleyFactory _factory;

    private TestApp(ParleyFactory factory, TestDatabase database, bool ownsDatabase)
    {
        _factory = factory;
        Database = database;
        OwnsDatabase = ownsDatabase;
        Client = factory.CreateClient();
        Sandbox = new SandboxClient(Client, SandboxAccounts.DefaultAccountId);
    }

    public TestDatabase Database { get; }
    public HttpClient Client { get; }
    public SandboxClient Sandbox { get; }
    public IServiceProvider Services => _factory.Services;
    private bool OwnsDatabase { get; }

    /// <summary>Starts Parley on a new database of the given kind.</summary>
    /// <param name="kestrel">Serve on a real loopback port (for a browser); otherwise in-memory.</param>
    /// <param name="services">Extra service registrations (a log capture, a replaced dependency).</param>
    public static async Task<TestApp> StartAsync(DatabaseKind kind, IDictionary<string, string?>? settings = null, bool kestrel = false, Action<IServiceCollection>? services = null)
    {
        var database = await TestDatabase.CreateAsync(kind);
        return Start(database, settings, ownsDatabase: true, kestrel, services);
    }

    /// <summary>Starts another instance on an existing database (several instances, restarts).</summary>
    public static TestApp Start(TestDatabase database, IDictionary<string, string?>? settings = null, bool ownsDatabase = false, bool kestrel = false, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(database.Settings())
        {
            ["Parley:Sandbox:DeliveredAfter"] = "00:00:00.050",
            ["Parley:Sandbox:ReadAfter"] = "00:00:00.100",
            ["Parley:Workers:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var factory = new ParleyFactory(all, services);
        if (kestrel)
        {
            factory.UseKestrel(0);
            factory.StartServer();
        }

        return new TestApp(factory, database, ownsDatabase);
    }

    public SandboxClient SandboxFor(string accountId) => new(Client, accountId);

    /// <summary>The loopback URL when started with <c>kestrel: true</c>.</summary>
    public Uri BaseUrl => Client.BaseAddress!;

    /// <summary>Another client of the same server (for its own headers, like an API key).</summary>
    public HttpClient CreateClient() => _factory.CreateClient();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        if (OwnsDatabase)
        {
            await Database.DisposeAsync();
        }
    }

    private sealed class ParleyFactory(IDictionary<string, string?> settings, Action<IServiceCollection>? services) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            if (services is not null)
            {
                builder.ConfigureServices(services);
            }

            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

/// <summary>Plays a WhatsApp contact against a sandbox account.</summary>
public sealed class SandboxClient(HttpClient client, string accountId)
{
    public string AccountId { get; } = accountId;

    public async Task<string> SendAsync(string from, string text, string? name = null, string? id = null)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/sandbox/{AccountId}/messages", new { from, name, text, id });
        await EnsureAcceptedAsync(response);
        return (await response.Content.ReadFromJsonAsync<SandboxAccepted>())!.Id;
    }

    public async Task<string> ChooseAsync(string from, string choiceId, string? title = null, string kind = "button_reply")
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/sandbox/{AccountId}/messages", new { from, interactive = new { id = choiceId, title, kind } });
        await EnsureAcceptedAsync(response);
        return (await response.Content.ReadFromJsonAsync<SandboxAccepted>())!.Id;
    }

    /// <summary>Sends a file (multipart, as the sandbox page does) with an optional caption.</summary>
    public async Task<string> SendFileAsync(string from, byte[] content, string fileName, string mimeType, string? caption = null)
    {
        using var form = new MultipartFormDataContent { { new StringContent(from), "from" } };
        if (caption is not null)
        {
            form.Add(new StringContent(caption), "text");
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mimeType);
        form.Add(file, "file", fileName);
        using var response = await client.PostAsync($"/api/v1/sandbox/{AccountId}/messages", form);
        await EnsureAcceptedAsync(response);
        return (await response.Content.ReadFromJsonAsync<SandboxAccepted>())!.Id;
    }

    public async Task<List<SandboxMessageView>> ThreadAsync(string contact) =>
        await client.GetFromJsonAsync<List<SandboxMessageView>>($"/api/v1/sandbox/{AccountId}/messages?contact={Uri.EscapeDataString(contact)}") ?? [];

    /// <summary>Polls the thread until <paramref name="done"/> holds (default 15 s), and returns it.</summary>
    public async Task<List<SandboxMessageView>> WaitAsync(string contact, Func<List<SandboxMessageView>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds;
        while (true)
        {
            var thread = await ThreadAsync(contact);
            if (done(thread))
            {
                return thread;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"The thread of {contact} did not reach the expected state. It has:\n" +
                    string.Join("\n", thread.Select(m => $"  {m.Id} {m.Direction} {m.Type} {m.Status}: {m.Text}")));
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the thread holds at least <paramref name="count"/> bot replies, and returns the replies.</summary>
    public async Task<List<SandboxMessageView>> WaitForRepliesAsync(string contact, int count, TimeSpan? timeout = null) =>
        (await WaitAsync(contact, t => t.Count(m => m.Direction == "outbound") >= count, timeout))
            .Where(m => m.Direction == "outbound").ToList();

    private static async Task EnsureAcceptedAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
