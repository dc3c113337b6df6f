using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Parley.Testing.Fakes;

/// <summary>
/// An OpenAI-compatible server (what OpenAI, OpenRouter, Azure OpenAI's v1 API, Ollama, vLLM and LM Studio speak):
/// <c>/v1/chat/completions</c> (non-streaming), <c>/v1/embeddings</c> (float or base64) and
/// <c>/v1/audio/transcriptions</c> (multipart), with OpenAI's error envelope for 401, 429 and 5xx.
/// </summary>
public sealed class FakeOpenAi : FakeServer
{
    private int _completions;

    /// <summary>What <c>/audio/transcriptions</c> answers.</summary>
    public string Transcript { get; set; } = "Hola, ¿cómo configuro Meta?";

    public int EmbeddingDimensions { get; set; } = 512;

    /// <summary>The API root to configure as <c>Parley:Ai:BaseUrl</c>.</summary>
    public string BaseUrl => new Uri(Root, "v1").ToString();

    public static async Task<FakeOpenAi> StartAsync(string? requiredKey = null)
    {
        var fake = new FakeOpenAi { RequiredKey = requiredKey };
        await fake.StartServerAsync();
        return fake;
    }

    public List<RecordedHttpRequest> EmbeddingRequests => Requests.Where(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal)).ToList();

    public List<RecordedHttpRequest> TranscriptionRequests => Requests.Where(r => r.Path.EndsWith("/audio/transcriptions", StringComparison.Ordinal)).ToList();

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/chat/completions", (Func<HttpContext, Task<IResult>>)ChatAsync);
        app.MapPost("/v1/embeddings", (Func<HttpContext, IResult>)Embeddings);
        app.MapPost("/v1/audio/transcriptions", (Func<HttpContext, Task<IResult>>)TranscribeAsync);
    }

    protected override bool IsChat(RecordedHttpRequest request) => request.Path.EndsWith("/chat/completions", StringComparison.Ordinal);

    protected override FakeChatRequest ParseChat(RecordedHttpRequest request)
    {
        var json = request.Json;
        var system = "";
        var messages = new List<(string, string, int)>();
        foreach (var m in json.GetProperty("messages").EnumerateArray())
        {
            var role = m.GetProperty("role").GetString()!;
            var (text, images) = Content(m.GetProperty("content"));
            if (role is "system" or "developer")
            {
                system += text;
            }
            else
            {
                messages.Add((role, text, images));
            }
        }

        return new FakeChatRequest(json.GetProperty("model").GetString()!, system, messages, request);
    }

    private static (string Text, int Images) Content(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return (content.GetString()!, 0);
        }

        var text = "";
        var images = 0;
        foreach (var part in content.EnumerateArray())
        {
            switch (part.GetProperty("type").GetString())
            {
                case "text":
                    text += part.GetProperty("text").GetString();
                    break;
                case "image_url":
                    images++;
                    break;
            }
        }

        return (text, images);
    }

    private async Task<IResult> ChatAsync(HttpContext context)
    {
        if (!Authorized(context.Request))
        {
            return Error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
        }

        var request = ParseChat(Recorded(context));
        var failure = TryTakeFailure(out var f) ? f : null;
        switch (failure)
        {
            case FakeFailure.RateLimited limited:
                context.Response.Headers.RetryAfter = limited.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Error(429, "Rate limit reached for requests.", "requests", "rate_limit_exceeded");
            case FakeFailure.ServerError error:
                return Error(error.Status, "The server had an error while processing your request.", "server_error", null);
            case FakeFailure.Slow slow:
                await Task.Delay(slow.Delay, context.RequestAborted);
                break;
        }

        var refusal = (failure as FakeFailure.Refusal)?.Text;
        var answer = refusal is null ? Answer(request) : null;
        var prompt = Words(request.AllText);
        var completion = Words(answer ?? refusal!);
        var id = Interlocked.Increment(ref _completions);
        var message = new JsonObject { ["role"] = "assistant", ["content"] = answer, ["refusal"] = refusal };
        return Results.Json(new JsonObject
        {
            ["id"] = $"chatcmpl-fake-{id}",
            ["object"] = "chat.completion",
            ["created"] = 1_767_225_600,
            ["model"] = request.Model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = "stop" }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
        });
    }

    private IResult Embeddings(HttpContext context)
    {
        if (!Authorized(context.Request))
        {
            return Error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
        }

        var json = Recorded(context).Json;
        var input = json.GetProperty("input");
        var texts = input.ValueKind == JsonValueKind.String ? [input.GetString()!] : input.EnumerateArray().Select(e => e.GetString()!).ToList();
        var base64 = json.TryGetProperty("encoding_format", out var format) && format.GetString() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < texts.Count; i++)
        {
            var vector = Embed(texts[i], EmbeddingDimensions);
            JsonNode embedding = base64 ? Convert.ToBase64String(ToBytes(vector)) : new JsonArray(vector.Select(v => (JsonNode)v).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var tokens = texts.Sum(Words);
        return Results.Json(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = json.GetProperty("model").GetString(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    private async Task<IResult> TranscribeAsync(HttpContext context)
    {
        if (!Authorized(context.Request))
        {
            return Error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
        }

        if (TryTakeFailure(out var failure) && failure is FakeFailure.ServerError error)
        {
            return Error(error.Status, "The server had an error while processing your request.", "server_error", null);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files.GetFile("file") is not { Length: > 0 } || string.IsNullOrEmpty(form["model"]))
        {
            return Error(400, "'file' and 'model' are required.", "invalid_request_error", null);
        }

        return Results.Json(new JsonObject { ["text"] = Transcript });
    }

    /// <summary>Words that mean the same to the fake embedding model (each group lands in one dimension), like synonyms to a real one.</summary>
    public List<string[]> Synonyms { get; } = [];

    private static readonly HashSet<string> FunctionWords =
    [
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "do", "does", "i", "you", "my", "your", "it",
        "how", "what", "who", "which", "when", "where", "this", "that", "be", "can", "el", "la", "los", "las", "de", "en", "y", "que",
        "como", "cómo", "mi", "tu", "un", "una", "es", "por", "para", "con",
    ];

    /// <summary>
    /// A deterministic bag-of-words vector without function words: texts sharing words point the same way, and
    /// words of one <see cref="Synonyms"/> group count as the same word.
    /// </summary>
    public float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (var raw in text.ToLowerInvariant().Split(text.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries))
        {
            if (FunctionWords.Contains(raw))
            {
                continue;
            }

            var word = Synonyms.FirstOrDefault(g => g.Contains(raw))?[0] ?? raw;
            uint hash = 2166136261;
            foreach (var c in word)
            {
                hash = (hash ^ c) * 16777619;
            }

            vector[hash % (uint)dimensions] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : vector.Select(v => v / norm).ToArray();
    }

    private static byte[] ToBytes(float[] vector)
    {
        var bytes = new byte[vector.Length * 4];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), vector[i]);
        }

        return bytes;
    }

    private static IResult Error(int status, string message, string type, string? code) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code } }, statusCode: status);
}
