using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Bench;

/// <summary>A reply the fake Graph API accepted: to whom, what text, its wamid and when it arrived (Stopwatch ticks).</summary>
public sealed record ReceivedReply(string To, string Text, string Wamid, long ReceivedAt, long? Seq);

/// <summary>
/// The WhatsApp Cloud API's send endpoint on 127.0.0.1: <c>POST /{version}/{phoneNumberId}/messages</c> answered at
/// once with Meta's documented response (../shared/wire/meta/send-response.json) and a fresh wamid. Records every
/// reply with its arrival time, finds the bench message it answers (the echo bot repeats "bench N"), and counts
/// the same text to the same recipient twice as a duplicate delivery.
/// </summary>
public sealed partial class FakeGraphApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _byContent = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedReply> _replies = new();
    private long _next;
    private long _readReceipts;
    private long _other;

    private FakeGraphApi(WebApplication app) => _app = app;

    /// <summary>Called for every accepted reply (on a Kestrel thread; keep it short).</summary>
    public Action<ReceivedReply>? OnReply { get; set; }

    public string BaseUrl { get; private set; } = "";

    public string ApiBaseUrl => BaseUrl + "/v23.0";

    public int Replies => _replies.Count;

    public long ReadReceipts => Interlocked.Read(ref _readReceipts);

    public long OtherRequests => Interlocked.Read(ref _other);

    /// <summary>Deliveries beyond the first of the same text to the same recipient.</summary>
    public long Duplicates => _byContent.Values.Sum(c => (long)Math.Max(0, c - 1));

    public IReadOnlyCollection<ReceivedReply> All => _replies;

    /// <summary>How often each message's echo arrived, by sequence number.</summary>
    public IReadOnlyDictionary<long, int> EchoCounts() =>
        _replies.Where(r => r.Seq is not null).GroupBy(r => r.Seq!.Value).ToDictionary(g => g.Key, g => g.Count());

    public static async Task<FakeGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeGraphApi(app);
        app.MapPost("/{version}/{phoneNumberId}/messages", fake.MessagesAsync);
        app.MapFallback((HttpContext context) =>
        {
            Interlocked.Increment(ref fake._other);
            context.Response.StatusCode = 404;
            return context.Response.WriteAsync("""{"error":{"message":"Unknown path (bench fake)","type":"OAuthException","code":803}}""");
        });
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    private async Task MessagesAsync(HttpContext context)
    {
        var received = Stopwatch.GetTimestamp();
        using var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var root = json.RootElement;
        context.Response.ContentType = "application/json";
        if (root.TryGetProperty("status", out var status) && status.GetString() == "read")
        {
            Interlocked.Increment(ref _readReceipts);
            await context.Response.WriteAsync("""{"success":true}""");
            return;
        }

        var to = root.TryGetProperty("to", out var t) ? t.GetString() ?? "" : "";
        var text = root.TryGetProperty("text", out var body) && body.TryGetProperty("body", out var b) ? b.GetString() ?? ""
            : root.TryGetProperty("interactive", out var i) && i.TryGetProperty("body", out var ib) && ib.TryGetProperty("text", out var it) ? it.GetString() ?? ""
            : root.GetRawText();
        var wamid = string.Create(CultureInfo.InvariantCulture, $"wamid.FAKE{Interlocked.Increment(ref _next):0000000000}");
        var match = BenchText().Match(text);
        long? seq = match.Success ? long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;
        var reply = new ReceivedReply(to, text, wamid, received, seq);
        _byContent.AddOrUpdate(to + "\n" + text, 1, (_, n) => n + 1);
        _replies.Enqueue(reply);
        OnReply?.Invoke(reply);
        await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture,
            $$"""{"messaging_product":"whatsapp","contacts":[{"input":"{{to}}","wa_id":"{{to}}"}],"messages":[{"id":"{{wamid}}"}]}"""));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex(@"\bbench (\d+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BenchText();
}
