using System.Net;
using System.Text.Json;

namespace Parley.Testing;

/// <summary><c>GET /health/ready</c> read as a test wants it: the HTTP status, the overall state and each check's state.</summary>
public sealed record Readiness(HttpStatusCode Code, string Status, IReadOnlyDictionary<string, string> Checks)
{
    public static async Task<Readiness> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var checks = json.GetProperty("checks").EnumerateObject()
            .ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString() ?? "", StringComparer.Ordinal);
        return new Readiness(response.StatusCode, json.GetProperty("status").GetString() ?? "", checks);
    }

    /// <summary>The state of one check (<c>database</c>, <c>redis</c>): healthy, degraded or unhealthy.</summary>
    public static async Task<string?> CheckAsync(HttpClient client, string check) =>
        (await ReadAsync(client)).Checks.GetValueOrDefault(check);
}
