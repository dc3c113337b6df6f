using System.Net.Http.Headers;
using Parley.Core.ApiKeys;

namespace Parley.Testing;

/// <summary>Authenticated clients for the REST API: a real key created through <see cref="ApiKeyStore"/>.</summary>
public static class ApiClients
{
    /// <summary>A client whose requests carry a new API key with <paramref name="scopes"/> (default: admin, which includes all).</summary>
    public static async Task<HttpClient> ApiClientAsync(this TestApp app, params string[] scopes)
    {
        var key = await app.CreateApiKeyAsync(scopes);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<string> CreateApiKeyAsync(this TestApp app, params string[] scopes)
    {
        var created = await app.Get<ApiKeyStore>().CreateAsync("test", scopes.Length == 0 ? [ApiScopes.Admin] : scopes);
        return created.Key;
    }
}
