using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Testing.Fakes;

/// <summary>
/// Twilio's REST API on 127.0.0.1, speaking its documented shapes: <c>POST …/Messages.json</c> answers 201 with the
/// message resource of <c>send-whatsapp.response.json</c>; errors use the SDK fixture's shape
/// (<c>code, message, more_info, status</c>); media URLs require Basic auth and redirect (307) to a signed URL on a
/// second origin (another port), which records whether the credentials came along. Every request is recorded;
/// failures can be scripted for the next sends.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public const string DefaultAccountSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string DefaultAuthToken = "fake-twilio-auth-token-0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TwilioFailure?> _script = new();
    private readonly ConcurrentDictionary<string, FakeMedia> _media = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _lock = new();

    private FakeTwilio(WebApplication app, string accountSid, string authToken)
    {
        _app = app;
        AccountSid = accountSid;
        AuthToken = authToken;
    }

    public string AccountSid { get; }
    public string AuthToken { get; }

    /// <summary>Twilio's API origin, e.g. <c>http://127.0.0.1:5123</c>: the account's <c>ApiBaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The second origin, standing in for Twilio's media CDN.</summary>
    public string CdnBaseUrl { get; private set; } = "";

    /// <summary>Each send waits this long before answering (to provoke client timeouts).</summary>
    public TimeSpan SendDelay { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Message-create requests, in arrival order (accepted or not).</summary>
    public IReadOnlyList<RecordedRequest> SendAttempts => [.. Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/Messages.json", StringComparison.Ordinal))];

    /// <summary>Message-create requests that were accepted (201), in order.</summary>
    public IReadOnlyList<RecordedRequest> Sends => [.. SendAttempts.Where(r => r.Status == 201)];

    public static async Task<FakeTwilio> StartAsync(string accountSid = DefaultAccountSid, string authToken = DefaultAuthToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var fake = new FakeTwilio(app, accountSid, authToken);
        fake.Map(app);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.TrimEnd('/')).ToList();
        fake.BaseUrl = addresses[0];
        fake.CdnBaseUrl = addresses[1];
        return fake;
    }

    /// <summary>The next sends fail with these, in order; later sends succeed again.</summary>
    public void FailNextSends(params TwilioFailure[] failures) => ScriptSends(failures);

    /// <summary>The outcomes of the next sends, in order: null accepts that send. Later sends succeed.</summary>
    public void ScriptSends(params TwilioFailure?[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _script.Enqueue(outcome);
        }
    }

    /// <summary>Adds a media item and returns its <c>MediaUrl</c> as Twilio would put it in a webhook.</summary>
    public string AddMedia(byte[] content, string contentType, MediaRedirect redirect = MediaRedirect.OtherOrigin)
    {
        var mediaSid = "ME" + Guid.NewGuid().ToString("N");
        var messageSid = "MM" + Guid.NewGuid().ToString("N");
        _media[mediaSid] = new FakeMedia(content, contentType, redirect);
        return $"{BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages/{messageSid}/Media/{mediaSid}";
    }

    /// <summary>Waits (default 15 s) until at least <paramref name="count"/> sends were accepted.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForSendsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds;
        while (true)
        {
            var sends = Sends;
            if (sends.Count >= count)
            {
                return sends;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"FakeTwilio accepted {sends.Count} of {count} sends. Requests:\n" +
                    string.Join("\n", Requests.Select(r => $"  {r.Method} {r.Path} -> {r.Status}")));
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", CreateMessageAsync);
        app.MapGet("/2010-04-01/Accounts/{accountSid}.json", FetchAccountAsync);
        app.MapGet("/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media/{mediaSid}", FetchMediaAsync);
        app.MapGet("/cdn/{mediaSid}", ServeMediaAsync);
    }

    private async Task CreateMessageAsync(HttpContext context, string accountSid)
    {
        var request = await RecordAsync(context);
        if (!Authorized(context, accountSid))
        {
            await AnswerAsync(context, request, Error(401, 20003, "Authenticate"));
            return;
        }

        if (_script.TryDequeue(out var failure) && failure is not null)
        {
            await AnswerAsync(context, request, failure);
            return;
        }

        var to = request.Field("To");
        if (string.IsNullOrEmpty(to))
        {
            await AnswerAsync(context, request, Error(400, 21604, "A 'To' phone number is required."));
            return;
        }

        if (request.Field("Body") is null && request.Field("MediaUrl") is null && request.Field("ContentSid") is null)
        {
            await AnswerAsync(context, request, Error(400, 21619, "A text message body or media urls must be specified."));
            return;
        }

        if (SendDelay > TimeSpan.Zero)
        {
            await Task.Delay(SendDelay, context.RequestAborted);
        }

        var sid = "SM" + Guid.NewGuid().ToString("N");
        var resource = TwilioPayloads.Json("send-whatsapp.response.json").AsObject();
        var uri = $"/2010-04-01/Accounts/{accountSid}/Messages/{sid}";
        resource["account_sid"] = accountSid;
        resource["sid"] = sid;
        resource["body"] = request.Field("Body") ?? "";
        resource["from"] = request.Field("From");
        resource["to"] = to;
        resource["messaging_service_sid"] = request.Field("MessagingServiceSid");
        resource["num_media"] = request.Form.Count(f => f.Key == "MediaUrl").ToString(System.Globalization.CultureInfo.InvariantCulture);
        resource["uri"] = uri + ".json";
        resource["subresource_uris"] = new JsonObject { ["media"] = uri + "/Media.json" };
        request.Complete(201, sid);
        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(resource);
    }

    private async Task FetchAccountAsync(HttpContext context, string accountSid)
    {
        var request = await RecordAsync(context);
        if (!Authorized(context, accountSid))
        {
            await AnswerAsync(context, request, Error(401, 20003, "Authenticate"));
            return;
        }

        request.Complete(200, null);
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["auth_token"] = "[redacted]",
            ["date_created"] = "Thu, 24 Aug 2023 05:01:45 +0000",
            ["friendly_name"] = "Parley test account",
            ["owner_account_sid"] = accountSid,
            ["sid"] = accountSid,
            ["status"] = "active",
            ["type"] = "Full",
            ["uri"] = $"/2010-04-01/Accounts/{accountSid}.json",
        });
    }

    private async Task FetchMediaAsync(HttpContext context, string accountSid, string mediaSid)
    {
        var request = await RecordAsync(context);
        if (!Authorized(context, accountSid))
        {
            await AnswerAsync(context, request, Error(401, 20003, "Authenticate"));
            return;
        }

        if (!_media.TryGetValue(mediaSid, out var media))
        {
            await AnswerAsync(context, request, Error(404, 20404, $"The requested resource {context.Request.Path} was not found"));
            return;
        }

        var signed = $"/cdn/{mediaSid}?Expires=1700000000&Signature=fake";
        switch (media.Redirect)
        {
            case MediaRedirect.None:
                request.Complete(200, null);
                context.Response.ContentType = media.ContentType;
                await context.Response.Body.WriteAsync(media.Content);
                return;
            case MediaRedirect.SameOrigin:
                request.Complete(302, null);
                context.Response.Redirect(signed);
                return;
            default:
                request.Complete(307, null);
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = CdnBaseUrl + signed;
                return;
        }
    }

    private async Task ServeMediaAsync(HttpContext context, string mediaSid)
    {
        var request = await RecordAsync(context);
        if (!_media.TryGetValue(mediaSid, out var media))
        {
            request.Complete(404, null);
            context.Response.StatusCode = 404;
            return;
        }

        request.Complete(200, null);
        context.Response.ContentType = media.ContentType;
        await context.Response.Body.WriteAsync(media.Content);
    }

    private bool Authorized(HttpContext context, string accountSid)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        return accountSid == AccountSid && context.Request.Headers.Authorization.ToString() == expected;
    }

    private static TwilioFailure Error(int status, int code, string message) => new(status, code, message);

    private static async Task AnswerAsync(HttpContext context, RecordedRequest request, TwilioFailure failure)
    {
        request.Complete(failure.HttpStatus, null);
        context.Response.StatusCode = failure.HttpStatus;
        if (failure.RetryAfter is { } after)
        {
            context.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (failure.RawBody is { } raw)
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(raw);
            return;
        }

        // The shape of Twilio's error body (error-response.sdk-test-fixture.json).
        var error = JsonNode.Parse(TwilioPayloads.Read("error-response.sdk-test-fixture.json"))!.AsObject();
        error["code"] = failure.Code;
        error["message"] = failure.Message;
        error["more_info"] = $"https://www.twilio.com/docs/errors/{failure.Code}";
        error["status"] = failure.HttpStatus;
        error.Remove("details");
        await context.Response.WriteAsJsonAsync(error);
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        var body = "";
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            $"{context.Request.Scheme}://{context.Request.Host}",
            headers,
            body,
            context.Request.HasFormContentType ? ParseForm(body) : []);
        lock (_lock)
        {
            _requests.Add(request);
        }

        return request;
    }

    private static List<KeyValuePair<string, string>> ParseForm(string body) =>
    [
        .. body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var parts = pair.Split('=', 2);
            static string Decode(string s) => WebUtility.UrlDecode(s);
            return new KeyValuePair<string, string>(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : "");
        }),
    ];

    private sealed record FakeMedia(byte[] Content, string ContentType, MediaRedirect Redirect);
}

/// <summary>How the fake serves a media URL.</summary>
public enum MediaRedirect
{
    /// <summary>307 to the second origin (Twilio's CDN): credentials must not follow.</summary>
    OtherOrigin,

    /// <summary>302 to a path on the same origin.</summary>
    SameOrigin,

    /// <summary>The bytes at once.</summary>
    None,
}

/// <summary>A scripted Twilio error: the HTTP status and Twilio's error code and message.</summary>
public sealed record TwilioFailure(int HttpStatus, int Code, string Message, TimeSpan? RetryAfter = null)
{
    /// <summary>A non-JSON body (a proxy's error page) instead of Twilio's error JSON.</summary>
    public string? RawBody { get; init; }

    public static TwilioFailure TooManyRequests(TimeSpan? retryAfter = null) => new(429, 20429, "Too Many Requests", retryAfter);

    public static TwilioFailure OutsideWindow() => new(400, 63016,
        "Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.");

    public static TwilioFailure ChannelRateLimit() => new(429, 63018, "Rate limit exceeded for Channel");

    public static TwilioFailure InvalidTo() => new(400, 21211, "Invalid 'To' Phone Number");

    public static TwilioFailure ServerError() => new(500, 20500, "Internal Server Error");

    public static TwilioFailure BadGatewayPage() => new(502, 0, "") { RawBody = "<html><body>502 Bad Gateway</body></html>" };
}

/// <summary>One request the fake received, and what it answered.</summary>
public sealed record RecordedRequest(
    string Method, string Path, string Origin, IReadOnlyDictionary<string, string> Headers, string Body, IReadOnlyList<KeyValuePair<string, string>> Form)
{
    public int Status { get; private set; }

    /// <summary>The SID the fake gave the created message.</summary>
    public string? Sid { get; private set; }

    public string? Authorization => Headers.TryGetValue("Authorization", out var a) ? a : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>The first value of a form field, or null.</summary>
    public string? Field(string name) => Form.FirstOrDefault(f => f.Key == name) is { Key: not null } f ? f.Value : null;

    internal void Complete(int status, string? sid)
    {
        Status = status;
        Sid = sid;
    }
}
