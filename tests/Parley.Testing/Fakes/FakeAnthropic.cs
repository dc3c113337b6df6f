using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Parley.Testing.Fakes;

/// <summary>
/// Anthropic's Messages API: <c>POST /v1/messages</c> (non-streaming), with its error envelope for 401, 429 and 5xx
/// (529 is "overloaded"), and <c>stop_reason: "refusal"</c> for refusals. The key may come as <c>x-api-key</c> or
/// <c>Authorization: Bearer</c> (the official C# SDK 13 sends the latter); both are recorded.
/// </summary>
public sealed class FakeAnthropic : FakeServer
{
    private int _messages;

    /// <summary>The API root to configure as <c>Parley:Ai:BaseUrl</c> (the SDK appends <c>/v1/messages</c>).</summary>
    public string BaseUrl => Root.ToString().TrimEnd('/');

    public static async Task<FakeAnthropic> StartAsync(string? requiredKey = null)
    {
        var fake = new FakeAnthropic { RequiredKey = requiredKey };
        await fake.StartServerAsync();
        return fake;
    }

    protected override void Map(WebApplication app) => app.MapPost("/v1/messages", (Func<HttpContext, Task<IResult>>)MessagesAsync);

    protected override bool IsChat(RecordedHttpRequest request) => request.Path.EndsWith("/v1/messages", StringComparison.Ordinal);

    protected override FakeChatRequest ParseChat(RecordedHttpRequest request)
    {
        var json = request.Json;
        var system = "";
        if (json.TryGetProperty("system", out var s))
        {
            system = s.ValueKind == JsonValueKind.String ? s.GetString()! : string.Concat(s.EnumerateArray().Select(b => b.GetProperty("text").GetString()));
        }

        var messages = new List<(string, string, int)>();
        foreach (var m in json.GetProperty("messages").EnumerateArray())
        {
            var content = m.GetProperty("content");
            if (content.ValueKind == JsonValueKind.String)
            {
                messages.Add((m.GetProperty("role").GetString()!, content.GetString()!, 0));
                continue;
            }

            var text = string.Concat(content.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "text").Select(b => b.GetProperty("text").GetString()));
            var images = content.EnumerateArray().Count(b => b.GetProperty("type").GetString() == "image");
            messages.Add((m.GetProperty("role").GetString()!, text, images));
        }

        return new FakeChatRequest(json.GetProperty("model").GetString()!, system, messages, request);
    }

    private async Task<IResult> MessagesAsync(HttpContext context)
    {
        if (!Authorized(context.Request))
        {
            return Error(401, "authentication_error", "invalid x-api-key");
        }

        var request = ParseChat(Recorded(context));
        var failure = TryTakeFailure(out var f) ? f : null;
        switch (failure)
        {
            case FakeFailure.RateLimited limited:
                context.Response.Headers.RetryAfter = limited.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Error(429, "rate_limit_error", "Number of requests has exceeded your rate limit.");
            case FakeFailure.ServerError error:
                return Error(error.Status, error.Status == 529 ? "overloaded_error" : "api_error", error.Status == 529 ? "Overloaded" : "Internal server error");
            case FakeFailure.Slow slow:
                await Task.Delay(slow.Delay, context.RequestAborted);
                break;
        }

        var refusal = failure as FakeFailure.Refusal;
        var answer = refusal?.Text ?? Answer(request);
        var id = Interlocked.Increment(ref _messages);
        return Results.Json(new JsonObject
        {
            ["id"] = $"msg_fake_{id}",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = request.Model,
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = answer }),
            ["stop_reason"] = refusal is null ? "end_turn" : "refusal",
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = Words(request.AllText), ["output_tokens"] = Words(answer) },
        });
    }

    private static IResult Error(int status, string type, string message) =>
        Results.Json(new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }, statusCode: status);
}
