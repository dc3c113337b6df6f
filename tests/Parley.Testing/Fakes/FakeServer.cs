using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Testing.Fakes;

/// <summary>A request a fake provider received: everything a test may want to check, including the headers with keys.</summary>
public sealed record RecordedHttpRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>What a fake does to the next model request instead of answering it.</summary>
public abstract record FakeFailure
{
    /// <summary>429 with a Retry-After header (whole seconds).</summary>
    public sealed record RateLimited(int RetryAfterSeconds = 1) : FakeFailure;

    /// <summary>A 5xx error (500 by default; Anthropic's "overloaded" is 529).</summary>
    public sealed record ServerError(int Status = 500) : FakeFailure;

    /// <summary>Answers only after the delay, beyond the client's timeout.</summary>
    public sealed record Slow(TimeSpan Delay) : FakeFailure;

    /// <summary>A well-formed answer in which the model refuses.</summary>
    public sealed record Refusal(string Text = "I'm sorry, but I can't help with that.") : FakeFailure;
}

/// <summary>One model request in a provider-neutral form, for programmable answers and assertions.</summary>
public sealed record FakeChatRequest(string Model, string System, IReadOnlyList<(string Role, string Text, int Images)> Messages, RecordedHttpRequest Raw)
{
    /// <summary>The text of the last user message.</summary>
    public string LastUser => Messages.LastOrDefault(m => m.Role == "user").Text ?? "";

    public int Images => Messages.Sum(m => m.Images);

    /// <summary>Everything the model was sent, as one string (system, then the messages).</summary>
    public string AllText => System + "\n" + string.Join("\n", Messages.Select(m => $"{m.Role}: {m.Text}"));
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, port 0) standing in for a model provider: it records every request
/// and answers deterministically, or fails as the test programmed it (see <see cref="FakeFailure"/>).
/// </summary>
public abstract class FakeServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedHttpRequest> _requests = new();
    private readonly ConcurrentQueue<FakeFailure> _failures = new();
    private WebApplication? _app;

    public Uri Root { get; private set; } = null!;

    /// <summary>Only requests carrying this key are served (401 otherwise); null accepts any.</summary>
    public string? RequiredKey { get; set; }

    /// <summary>Answers a chat request; the default answers deterministically from what it was sent.</summary>
    public Func<FakeChatRequest, string> Answer { get; set; } = DefaultAnswer;

    public IReadOnlyList<RecordedHttpRequest> Requests => _requests.ToList();

    public List<FakeChatRequest> ChatRequests => Requests.Where(IsChat).Select(ParseChat).ToList();

    /// <summary>The next requests to a model endpoint fail like this, in order.</summary>
    public void Fail(params FakeFailure[] failures)
    {
        foreach (var failure in failures)
        {
            _failures.Enqueue(failure);
        }
    }

    protected async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            context.Request.Body.Position = 0;
            var recorded = new RecordedHttpRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), buffer.ToArray());
            _requests.Enqueue(recorded);
            context.Items[typeof(RecordedHttpRequest)] = recorded;
            await next(context);
        });
        Map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Root = new Uri(address.TrimEnd('/') + "/");
    }

    protected abstract void Map(WebApplication app);

    protected abstract bool IsChat(RecordedHttpRequest request);

    protected abstract FakeChatRequest ParseChat(RecordedHttpRequest request);

    protected static RecordedHttpRequest Recorded(HttpContext context) => (RecordedHttpRequest)context.Items[typeof(RecordedHttpRequest)]!;

    protected bool TryTakeFailure(out FakeFailure failure) => _failures.TryDequeue(out failure!);

    protected bool Authorized(HttpRequest request)
    {
        if (RequiredKey is null)
        {
            return true;
        }

        var bearer = request.Headers.Authorization.ToString();
        return bearer == $"Bearer {RequiredKey}" || request.Headers["x-api-key"] == RequiredKey || request.Headers["api-key"] == RequiredKey;
    }

    /// <summary>"Fake answer to: …" plus a citation of the first reference passage when the prompt has any.</summary>
    public static string DefaultAnswer(FakeChatRequest request)
    {
        var last = request.LastUser;
        var question = last.Contains("<user_message>", StringComparison.Ordinal)
            ? last[(last.LastIndexOf("<user_message>", StringComparison.Ordinal) + 14)..].Split("</user_message>")[0].Trim()
            : last.Trim();
        var cites = request.System.Contains("[1] ", StringComparison.Ordinal) ? " [1]" : "";
        return $"Fake answer to: {question}{cites}";
    }

    protected static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
