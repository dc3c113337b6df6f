using System.Net.Http.Json;
using System.Text.Json;

namespace Parley.Tests.Api;

internal static class ApiTestExtensions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var json = await response.JsonAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url}: {(int)response.StatusCode} {json}");
        }

        return json;
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Json)> PostJsonAsync(this HttpClient client, string url, object? body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        return (response, await response.JsonAsync());
    }

    /// <summary>The field names a validation problem lists under <c>errors</c>.</summary>
    public static IReadOnlyList<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToList() : [];

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
