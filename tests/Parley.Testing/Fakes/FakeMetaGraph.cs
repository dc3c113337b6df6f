using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Testing.Payloads;

namespace Parley.Testing.Fakes;

/// <summary>What the fake should answer instead of success, for the next sends.</summary>
public enum FakeGraphFailure
{
    /// <summary>HTTP 429 with Meta's official 130429 body (error-130429-rate-limit.response.json).</summary>
    RateLimit,
    /// <summary>HTTP 400 with a 131056 (pair rate limit) body built from the error-codes table (no full official example exists).</summary>
    PairRateLimit,
    /// <summary>HTTP 503 with a code 2 ("service temporarily unavailable") body built from the error-codes table.</summary>
    Unavailable,
    /// <summary>HTTP 401 with the Graph API's 190 "Invalid OAuth access token" body (S1 example).</summary>
    ExpiredToken,
    /// <summary>HTTP 400 with a 131047 body built from the error-codes table (no full official example exists).</summary>
    ReEngagement,
    /// <summary>HTTP 500 with a non-JSON body.</summary>
    ServerError,
    /// <summary>Success, but only after <see cref="FakeMetaGraph.SlowResponse"/>; a caller that gives up first gets nothing.</summary>
    Slow,
}

/// <summary>One request the fake received.</summary>
public sealed record FakeGraphRequest(string Method, string Path, string Query, string? Authorization, string? ContentType, string Body)
{
    public JsonNode? Json => Body.Length > 0 && ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true ? JsonNode.Parse(Body) : null;

    /// <summary>The wamid the fake answered with, for sends.</summary>
    public string? AnsweredId { get; init; }

    /// <summary>When the request arrived (before any programmed delay), for checking the sender's backoff.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The HTTP status a send was answered with; 0 for a send whose caller gave up before the answer (and for other requests).</summary>
    public int AnsweredStatus { get; init; }

    /// <summary>Every request header, by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Multipart fields of an upload.</summary>
    public IReadOnlyDictionary<string, string> Form { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// A Graph API stand-in on a real Kestrel port (127.0.0.1): sends, read receipts, media URL + download, uploads, template
/// listing with paging, and the phone number lookup, answering in the shapes of shared/wire/meta. It checks the bearer
/// token, records every request, and can be told to fail the next sends.
/// </summary>
public sealed class FakeMetaGraph : IAsyncDisposable
{
    /// <summary>The ids used in Meta's own samples, so official payloads address this fake's number.</summary>
    public const string PhoneNumberId = "106540352242922";
    public const string DisplayPhoneNumber = "15550783881";
    public const string BusinessAccountId = "102290129340398";
    public const string AccessToken = "EAAJB-test-access-token";
    public const string AppSecret = "TEST_APP_SECRET";
    public const string VerifyToken = "meatyhamhock";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeGraphRequest> _requests = new();
    private readonly ConcurrentQueue<FakeGraphFailure> _failures = new();
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string MimeType)> _media = new(StringComparer.Ordinal);
    private int _sequence;

    private FakeMetaGraph(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>What an account's <c>ApiBaseUrl</c> is set to.</summary>
    public string ApiBaseUrl => $"{BaseUrl}/v23.0";

    /// <summary>How long a <see cref="FakeGraphFailure.Slow"/> answer takes.</summary>
    public TimeSpan SlowResponse { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A Retry-After (seconds) sent with rate-limit answers (130429, 131056); none by default, as Meta documents none.</summary>
    public int? RateLimitRetryAfterSeconds { get; set; }

    /// <summary>
    /// The number's business profile as <c>GET /{phone-number-id}/whatsapp_business_profile</c> lists it; a
    /// <c>POST</c> with <c>messaging_product: whatsapp</c> changes the fields it names and answers <c>{"success": true}</c>.
    /// </summary>
    public JsonObject BusinessProfile { get; } = new()
    {
        ["about"] = "Hello from Parley",
        ["address"] = "1 Main St",
        ["description"] = "A test business",
        ["email"] = "hello@example.com",
        ["websites"] = new JsonArray("https://example.com"),
        ["vertical"] = "OTHER",
    };

    /// <summary>Templates listed by <c>GET /{waba}/message_templates</c>, in Meta's shape.</summary>
    public List<JsonObject> Templates { get; } = [];

    /// <summary>The fake's own page size (smaller than the asked limit, so paging is exercised).</summary>
    public int TemplatePageSize { get; set; } = 2;

    public IReadOnlyList<FakeGraphRequest> Requests => [.. _requests];

    /// <summary>Message sends (not read receipts), answered or failed.</summary>
    public IReadOnlyList<FakeGraphRequest> Sends =>
        [.. _requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Json?["status"] is null)];

    /// <summary>Sends that were answered with a message id.</summary>
    public IReadOnlyList<FakeGraphRequest> Accepted => [.. Sends.Where(r => r.AnsweredId is not null)];

    public IReadOnlyList<FakeGraphRequest> ReadReceipts =>
        [.. _requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Json?["status"] is not null)];

    public IReadOnlyList<FakeGraphRequest> Uploads =>
        [.. _requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/media", StringComparison.Ordinal))];

    public static async Task<FakeMetaGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeMetaGraph? fake = null;
        app.Run(context => fake!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeMetaGraph(app, address.TrimEnd('/'));
        return fake;
    }

    /// <summary>The next <paramref name="count"/> sends fail with <paramref name="failure"/>, then sends succeed again.</summary>
    public void FailNextSends(int count, FakeGraphFailure failure)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(failure);
        }
    }

    /// <summary>Media the fake serves at <c>GET /{id}</c> (its URL) and the URL's download.</summary>
    public void AddMedia(string id, byte[] bytes, string mimeType) => _media[id] = (bytes, mimeType);

    /// <summary>The account settings that point Parley at this fake: <c>Parley:Accounts:{index}:*</c>.</summary>
    public Dictionary<string, string?> AccountSettings(string accountId = "meta1", int index = 0, string? businessAccountId = null) => new()
    {
        [$"Parley:Accounts:{index}:Id"] = accountId,
        [$"Parley:Accounts:{index}:Provider"] = "meta",
        // The echo bot greets a new contact, then echoes: the replies these tests count.
        [$"Parley:Accounts:{index}:Bot"] = "echo",
        [$"Parley:Accounts:{index}:PhoneNumberId"] = PhoneNumberId,
        [$"Parley:Accounts:{index}:AccessToken"] = AccessToken,
        [$"Parley:Accounts:{index}:AppSecret"] = AppSecret,
        [$"Parley:Accounts:{index}:VerifyToken"] = VerifyToken,
        [$"Parley:Accounts:{index}:ApiBaseUrl"] = ApiBaseUrl,
        [$"Parley:Accounts:{index}:BusinessAccountId"] = businessAccountId,
    };

    /// <summary>Waits until at least <paramref name="count"/> sends were accepted (default 15 s) and returns them.</summary>
    public async Task<IReadOnlyList<FakeGraphRequest>> WaitForAcceptedAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds;
        while (true)
        {
            var accepted = Accepted;
            if (accepted.Count >= count)
            {
                return accepted;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"The fake Graph API accepted {accepted.Count} of {count} expected sends. Requests:\n" +
                    string.Join("\n", Requests.Select(r => $"  {r.Method} {r.Path}{r.Query} {r.Body}")));
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = TimeProvider.System.GetUtcNow();
        var request = context.Request;
        var path = request.Path.Value ?? "";
        var segments = path.Trim('/').Split('/');
        string body = "";
        Dictionary<string, string> form = [];
        if (request.HasFormContentType)
        {
            var read = await request.ReadFormAsync();
            foreach (var (key, value) in read)
            {
                form[key] = value.ToString();
            }

            foreach (var file in read.Files)
            {
                using var copy = new MemoryStream();
                await file.CopyToAsync(copy);
                form[$"{file.Name}:filename"] = file.FileName;
                form[$"{file.Name}:contentType"] = file.ContentType;
                form[$"{file.Name}:length"] = copy.Length.ToString(CultureInfo.InvariantCulture);
            }
        }
        else
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync();
        }

        var record = new FakeGraphRequest(request.Method, path, request.QueryString.Value ?? "", request.Headers.Authorization.ToString(), request.ContentType, body)
        {
            ReceivedAt = receivedAt,
            Form = form,
            Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        };
        if (record.Authorization != $"Bearer {AccessToken}")
        {
            _requests.Enqueue(record);
            await WriteJsonAsync(context, 401, """{"error":{"message":"Invalid OAuth access token","type":"OAuthException","code":190}}""");
            return;
        }

        switch (request.Method, segments)
        {
            case ("POST", [_, _, "messages"]):
                await MessagesAsync(context, record);
                return;
            case ("POST", [_, _, "media"]):
                var mediaId = NextId().ToString(CultureInfo.InvariantCulture);
                _requests.Enqueue(record with { AnsweredId = mediaId });
                await WriteJsonAsync(context, 200, new JsonObject { ["id"] = mediaId }.ToJsonString());
                return;
            case ("GET", [_, _, "message_templates"]):
                _requests.Enqueue(record);
                await TemplatesAsync(context, segments[1]);
                return;
            case ("GET", ["media-download", var id]):
                _requests.Enqueue(record);
                if (_media.TryGetValue(id, out var file))
                {
                    context.Response.ContentType = file.MimeType;
                    await context.Response.Body.WriteAsync(file.Bytes);
                }
                else
                {
                    context.Response.StatusCode = 404;
                }

                return;
            case ("GET", [_, PhoneNumberId, "whatsapp_business_profile"]):
                _requests.Enqueue(record);
                var profile = (JsonObject)BusinessProfile.DeepClone();
                profile["messaging_product"] = "whatsapp";
                await WriteJsonAsync(context, 200, new JsonObject { ["data"] = new JsonArray(profile) }.ToJsonString());
                return;
            case ("POST", [_, PhoneNumberId, "whatsapp_business_profile"]):
                _requests.Enqueue(record);
                var changes = JsonNode.Parse(body)?.AsObject();
                if (changes?["messaging_product"]?.GetValue<string>() != "whatsapp")
                {
                    await WriteJsonAsync(context, 400, """{"error":{"message":"(#100) The parameter messaging_product is required.","type":"OAuthException","code":100}}""");
                    return;
                }

                foreach (var (key, value) in changes.Where(p => p.Key != "messaging_product").ToList())
                {
                    BusinessProfile[key] = value?.DeepClone();
                }

                await WriteJsonAsync(context, 200, """{"success":true}""");
                return;
            case ("GET", [_, PhoneNumberId]):
                _requests.Enqueue(record);
                await WriteJsonAsync(context, 200, new JsonObject
                {
                    ["display_phone_number"] = DisplayPhoneNumber,
                    ["verified_name"] = "Parley Test",
                    ["id"] = PhoneNumberId,
                }.ToJsonString());
                return;
            case ("GET", [_, var id]) when _media.TryGetValue(id, out var media):
                _requests.Enqueue(record);
                // media-get-url.response.json's shape, with a URL on this fake (file_size is a string there too).
                await WriteJsonAsync(context, 200, new JsonObject
                {
                    ["messaging_product"] = "whatsapp",
                    ["url"] = $"{BaseUrl}/media-download/{id}",
                    ["mime_type"] = media.MimeType,
                    ["sha256"] = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(media.Bytes)),
                    ["file_size"] = media.Bytes.Length.ToString(CultureInfo.InvariantCulture),
                    ["id"] = id,
                }.ToJsonString());
                return;
            default:
                _requests.Enqueue(record);
                // The Graph API's answer for an object id it does not know.
                await WriteJsonAsync(context, 400, new JsonObject
                {
                    ["error"] = new JsonObject
                    {
                        ["message"] = $"Unsupported {request.Method.ToLowerInvariant()} request. Object with ID '{segments.LastOrDefault()}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
                        ["type"] = "GraphMethodException",
                        ["code"] = 100,
                        ["error_subcode"] = 33,
                        ["fbtrace_id"] = "AfakeTraceId",
                    },
                }.ToJsonString());
                return;
        }
    }

    private async Task MessagesAsync(HttpContext context, FakeGraphRequest record)
    {
        if (record.Json?["status"] is not null)
        {
            _requests.Enqueue(record);
            await WriteJsonAsync(context, 200, Samples.Read("Meta/mark-read-with-typing-indicator.response.json"));
            return;
        }

        if (_failures.TryDequeue(out var failure))
        {
            switch (failure)
            {
                case FakeGraphFailure.RateLimit:
                    _requests.Enqueue(record with { AnsweredStatus = 429 });
                    AddRetryAfter(context);
                    await WriteJsonAsync(context, 429, Samples.Read("Meta/error-130429-rate-limit.response.json"));
                    return;
                case FakeGraphFailure.PairRateLimit:
                    _requests.Enqueue(record with { AnsweredStatus = 400 });
                    AddRetryAfter(context);
                    // Code and details from the error-codes table (shared/wire/meta-cloud-api.md); Meta publishes no full 131056 example.
                    await WriteJsonAsync(context, 400, """
                        {"error":{"message":"(#131056) (Business Account, Consumer Account) pair rate limit hit","type":"OAuthException","code":131056,"error_data":{"messaging_product":"whatsapp","details":"Too many messages sent from the sender phone number to the same recipient phone number in a short period of time."},"fbtrace_id":"AfakeTraceId"}}
                        """);
                    return;
                case FakeGraphFailure.Unavailable:
                    _requests.Enqueue(record with { AnsweredStatus = 503 });
                    await WriteJsonAsync(context, 503, """
                        {"error":{"message":"(#2) Service temporarily unavailable","type":"OAuthException","code":2,"fbtrace_id":"AfakeTraceId"}}
                        """);
                    return;
                case FakeGraphFailure.ExpiredToken:
                    _requests.Enqueue(record with { AnsweredStatus = 401 });
                    await WriteJsonAsync(context, 401, """{"error":{"message":"Invalid OAuth access token","type":"OAuthException","code":190}}""");
                    return;
                case FakeGraphFailure.ReEngagement:
                    _requests.Enqueue(record with { AnsweredStatus = 400 });
                    // Built from the error-codes table (code + details); Meta publishes no full 131047 response example.
                    await WriteJsonAsync(context, 400, """
                        {"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,"error_data":{"messaging_product":"whatsapp","details":"More than 24 hours have passed since the recipient last replied to the sender number."},"fbtrace_id":"AfakeTraceId"}}
                        """);
                    return;
                case FakeGraphFailure.ServerError:
                    _requests.Enqueue(record with { AnsweredStatus = 500 });
                    context.Response.StatusCode = 500;
                    await context.Response.WriteAsync("Internal Server Error");
                    return;
                case FakeGraphFailure.Slow:
                    try
                    {
                        await Task.Delay(SlowResponse, context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        // The caller timed out: recorded, not accepted (this fake then drops the message).
                        _requests.Enqueue(record);
                        return;
                    }

                    break;
            }
        }

        var to = record.Json?["to"]?.GetValue<string>() ?? "";
        var wamid = $"wamid.FAKE{NextId():D6}{Convert.ToBase64String(Encoding.UTF8.GetBytes(to)).TrimEnd('=')}";
        _requests.Enqueue(record with { AnsweredId = wamid, AnsweredStatus = 200 });
        // send-response.json's shape.
        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = wamid }),
        }.ToJsonString());
    }

    private async Task TemplatesAsync(HttpContext context, string wabaId)
    {
        if (wabaId != BusinessAccountId)
        {
            await WriteJsonAsync(context, 400, """{"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100}}""");
            return;
        }

        var query = context.Request.Query;
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 25;
        var size = Math.Max(1, Math.Min(limit, TemplatePageSize));
        var start = int.TryParse(query["after"], CultureInfo.InvariantCulture, out var a) ? a : 0;
        var page = Templates.Skip(start).Take(size).Select(t => (JsonNode)t.DeepClone()).ToArray();
        var paging = new JsonObject
        {
            ["cursors"] = new JsonObject
            {
                ["before"] = start.ToString(CultureInfo.InvariantCulture),
                ["after"] = (start + page.Length).ToString(CultureInfo.InvariantCulture),
            },
        };
        if (start + page.Length < Templates.Count)
        {
            paging["next"] = $"{ApiBaseUrl}/{wabaId}/message_templates?limit={limit}&after={start + page.Length}";
        }

        await WriteJsonAsync(context, 200, new JsonObject { ["data"] = new JsonArray(page), ["paging"] = paging }.ToJsonString());
    }

    private int NextId() => Interlocked.Increment(ref _sequence);

    private void AddRetryAfter(HttpContext context)
    {
        if (RateLimitRetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    /// <summary>A template in Meta's listing shape (template-management docs): positional <c>{{1}}</c> parameters in the body.</summary>
    public static JsonObject Template(string name, string language, string status, string category, string body, string? id = null) => new()
    {
        ["name"] = name,
        ["parameter_format"] = body.Contains("{{1}}", StringComparison.Ordinal) || !body.Contains("{{", StringComparison.Ordinal) ? "POSITIONAL" : "NAMED",
        ["components"] = new JsonArray(new JsonObject { ["type"] = "BODY", ["text"] = body }),
        ["language"] = language,
        ["status"] = status,
        ["category"] = category,
        ["id"] = id ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{name}/{language}")))[..15],
    };
}
