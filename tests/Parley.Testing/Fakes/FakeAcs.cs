using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Testing.Fakes;

/// <summary>
/// Azure Communication Services Advanced Messaging as a real HTTP server on 127.0.0.1: answers
/// <c>POST /messages/notifications:send</c> with receipts, <c>GET /messages/streams/{id}</c> with media bytes and
/// <c>GET /messages/channels/{id}/templates</c> with an empty page — in the documented shapes — and VERIFIES the
/// access-key HMAC of every request with its own implementation of the algorithm, answering 401 when it is wrong.
/// Tests script errors (429 with Retry-After, 500, ACS error bodies) and slow answers, and read what was received.
/// </summary>
public sealed class FakeAcs : IAsyncDisposable
{
    public const string SendPath = "/messages/notifications:send";

    private readonly WebApplication _app;
    private readonly byte[] _key;
    private readonly ConcurrentQueue<FakeAcsReply> _sendReplies = new();
    private readonly ConcurrentQueue<FakeAcsReply> _mediaReplies = new();
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _media = new();
    private readonly ConcurrentDictionary<string, string> _repeatable = new();
    private readonly List<FakeAcsRequest> _requests = [];
    private readonly Lock _gate = new();

    private FakeAcs(WebApplication app, string accessKey, string channelRegistrationId)
    {
        _app = app;
        AccessKey = accessKey;
        _key = Convert.FromBase64String(accessKey);
        ChannelRegistrationId = channelRegistrationId;
    }

    /// <summary>http://127.0.0.1:{port}, the account's <c>Endpoint</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The resource's access key, base64 (the account's <c>AccessKey</c>).</summary>
    public string AccessKey { get; }

    public string ChannelRegistrationId { get; }

    public IReadOnlyList<FakeAcsRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Send requests answered 202 (message accepted), in arrival order.</summary>
    public IReadOnlyList<FakeAcsRequest> AcceptedSends => Requests.Where(r => r.IsSend && r.Status == 202).ToList();

    public static async Task<FakeAcs> StartAsync(string? accessKey = null, string? channelRegistrationId = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAcs(app, accessKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), channelRegistrationId ?? Guid.NewGuid().ToString());
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return fake;
    }

    /// <summary>The next send is answered with <paramref name="reply"/> (in order; then 202 receipts again).</summary>
    public void EnqueueSend(FakeAcsReply reply) => _sendReplies.Enqueue(reply);

    public void EnqueueMedia(FakeAcsReply reply) => _mediaReplies.Enqueue(reply);

    public void AddMedia(string id, byte[] bytes, string contentType = "application/octet-stream") => _media[id] = (bytes, contentType);

    /// <summary>Waits until <paramref name="count"/> sends were accepted (default 15 s) and returns them.</summary>
    public async Task<IReadOnlyList<FakeAcsRequest>> WaitForSendsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds;
        while (true)
        {
            var sends = AcceptedSends;
            if (sends.Count >= count)
            {
                return sends;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"FakeAcs accepted {sends.Count} of {count} sends. Requests:\n" +
                    string.Join("\n", Requests.Select(r => $"  {r.Method} {r.PathAndQuery} -> {r.Status} (signature {(r.SignatureValid ? "ok" : "WRONG")}) {r.Body}")));
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The Authorization value ACS expects, written independently of Parley's signer:
    /// HMAC-SHA256 (key = the decoded access key) over "METHOD\npath?query\ndate;host;content-hash".
    /// </summary>
    public static string ExpectedAuthorization(byte[] key, string method, string pathAndQuery, string host, string date, string contentHash)
    {
        var toSign = string.Join("\n", method.ToUpperInvariant(), pathAndQuery, string.Join(";", date, host, contentHash));
        using var hmac = new HMACSHA256(key);
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(toSign)));
        return "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        var signatureProblem = CheckSignature(request, rawTarget, body);
        var path = request.Path.Value ?? "";
        var record = new FakeAcsRequest(request.Method, rawTarget,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Encoding.UTF8.GetString(body), signatureProblem is null);

        int status;
        if (signatureProblem is not null)
        {
            status = await WriteErrorAsync(context, 401, "Denied", signatureProblem);
        }
        else if (HttpMethods.IsPost(request.Method) && path == SendPath)
        {
            (status, var messageId) = await SendAsync(context, record);
            record = record with { MessageId = messageId };
        }
        else if (HttpMethods.IsGet(request.Method) && path.StartsWith("/messages/streams/", StringComparison.Ordinal))
        {
            status = await MediaAsync(context, Uri.UnescapeDataString(path["/messages/streams/".Length..]));
        }
        else if (HttpMethods.IsGet(request.Method) && path.StartsWith("/messages/channels/", StringComparison.Ordinal) && path.EndsWith("/templates", StringComparison.Ordinal))
        {
            var channel = path["/messages/channels/".Length..^"/templates".Length];
            status = string.Equals(channel, ChannelRegistrationId, StringComparison.OrdinalIgnoreCase)
                ? await WriteJsonAsync(context, 200, "{\"value\":[]}")
                : await WriteErrorAsync(context, 404, "NotFound", $"Channel '{channel}' was not found.");
        }
        else
        {
            status = await WriteErrorAsync(context, 404, "NotFound", $"No route for {request.Method} {path}.");
        }

        lock (_gate)
        {
            _requests.Add(record with { Status = status });
        }
    }

    private string? CheckSignature(HttpRequest request, string rawTarget, byte[] body)
    {
        var date = request.Headers["x-ms-date"].ToString();
        if (date.Length == 0 || !DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return "Missing or malformed x-ms-date.";
        }

        var hash = request.Headers["x-ms-content-sha256"].ToString();
        var actualHash = Convert.ToBase64String(SHA256.HashData(body));
        if (hash != actualHash)
        {
            return "x-ms-content-sha256 does not match the body.";
        }

        var expected = ExpectedAuthorization(_key, request.Method, rawTarget, request.Host.Value ?? "", date, hash);
        return request.Headers.Authorization.ToString() == expected ? null : "The HMAC signature is not valid.";
    }

    private async Task<(int Status, string? MessageId)> SendAsync(HttpContext context, FakeAcsRequest record)
    {
        var reply = _sendReplies.TryDequeue(out var scripted) ? scripted : FakeAcsReply.Accepted;
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return (499, null);
            }
        }

        if (reply.Status != 202)
        {
            foreach (var (name, value) in reply.Headers)
            {
                context.Response.Headers[name] = value;
            }

            return (await WriteJsonAsync(context, reply.Status, reply.Body ?? ""), null);
        }

        JsonObject? json;
        try
        {
            json = JsonNode.Parse(record.Body) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }

        var to = (json?["to"] as JsonArray)?.Select(n => n?.GetValue<string>()).ToList();
        var kind = json?["kind"]?.GetValue<string>();
        if (json is null || to is not { Count: > 0 } || kind is null)
        {
            return (await WriteErrorAsync(context, 400, "BadRequest", "The body must be a notification with 'to' and 'kind'."), null);
        }

        if (!string.Equals(json["channelRegistrationId"]?.GetValue<string>(), ChannelRegistrationId, StringComparison.OrdinalIgnoreCase))
        {
            return (await WriteErrorAsync(context, 400, "InvalidChannelRegistrationId", "The channel registration id is not registered with this resource."), null);
        }

        // Repeatable requests: the same Repeatability-Request-ID gets the first answer again.
        var requestId = context.Request.Headers["repeatability-request-id"].ToString();
        var messageId = requestId.Length > 0 ? _repeatable.GetOrAdd(requestId, _ => Guid.NewGuid().ToString()) : Guid.NewGuid().ToString();
        if (requestId.Length > 0)
        {
            context.Response.Headers["Repeatability-Result"] = "accepted";
        }

        var receipt = new JsonObject { ["receipts"] = new JsonArray(new JsonObject { ["messageId"] = messageId, ["to"] = to[0] }) };
        return (await WriteJsonAsync(context, 202, receipt.ToJsonString()), messageId);
    }

    private async Task<int> MediaAsync(HttpContext context, string id)
    {
        if (_mediaReplies.TryDequeue(out var scripted))
        {
            await Task.Delay(scripted.Delay, context.RequestAborted);
            foreach (var (name, value) in scripted.Headers)
            {
                context.Response.Headers[name] = value;
            }

            return await WriteJsonAsync(context, scripted.Status, scripted.Body ?? "");
        }

        if (!_media.TryGetValue(id, out var media))
        {
            return await WriteErrorAsync(context, 404, "NotFound", $"Media '{id}' was not found.");
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = media.ContentType;
        await context.Response.Body.WriteAsync(media.Bytes, context.RequestAborted);
        return 200;
    }

    private static Task<int> WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.Headers["x-ms-error-code"] = code;
        return WriteJsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());
    }

    private static async Task<int> WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        if (json.Length > 0)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(json, context.RequestAborted);
        }

        return status;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request FakeAcs received, with its verdict.</summary>
public sealed record FakeAcsRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, bool SignatureValid)
{
    public int Status { get; init; }

    /// <summary>The message id FakeAcs returned for an accepted send.</summary>
    public string? MessageId { get; init; }

    public bool IsSend => Method == "POST" && PathAndQuery.StartsWith(FakeAcs.SendPath, StringComparison.Ordinal);

    public JsonNode Json => JsonNode.Parse(Body)!;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A scripted answer: status, JSON body, headers, and a delay before answering.</summary>
public sealed record FakeAcsReply(int Status, string? Body = null)
{
    public TimeSpan Delay { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The normal answer: 202 with receipts.</summary>
    public static FakeAcsReply Accepted { get; } = new(202);

    public static FakeAcsReply Error(int status, string code, string message) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString())
        {
            Headers = new Dictionary<string, string> { ["x-ms-error-code"] = code },
        };

    public static FakeAcsReply TooManyRequests(int retryAfterSeconds = 1) =>
        Error(429, "TooManyRequests", "Rate limit exceeded.") with
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture), ["x-ms-error-code"] = "TooManyRequests" },
        };

    public static FakeAcsReply ServerError() => Error(500, "InternalServerError", "An internal error occurred.");

    /// <summary>Answers 202 with receipts after <paramref name="delay"/>.</summary>
    public static FakeAcsReply Slow(TimeSpan delay) => Accepted with { Delay = delay };
}
