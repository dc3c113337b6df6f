using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Accounts;

namespace Parley.Channels.Meta;

/// <summary>
/// Meta's business profile: <c>GET {PhoneNumberId}/whatsapp_business_profile?fields=…</c> answers <c>{"data": [{…}]}</c>;
/// <c>POST {PhoneNumberId}/whatsapp_business_profile</c> with <c>messaging_product: whatsapp</c> and the fields to change
/// answers <c>{"success": true}</c>. <c>websites</c> is a list (at most two URLs): give it comma-separated.
/// </summary>
public sealed class MetaBusinessProfiles(MetaGraph graph) : IBusinessProfiles
{
    public static readonly IReadOnlyList<string> Fields = ["about", "address", "description", "email", "profile_picture_url", "websites", "vertical"];

    public string Provider => Providers.Meta;

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(Account account, CancellationToken ct)
    {
        var meta = Ready(account);
        using var request = MetaGraph.Request(HttpMethod.Get,
            new Uri($"{meta.Url(meta.PhoneNumberId!, "whatsapp_business_profile")}?fields={string.Join(",", Fields)}"), meta.AccessToken!);
        using var json = await CallAsync(request, ct);
        var profile = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0)
        {
            foreach (var property in data[0].EnumerateObject().Where(p => p.Name != "messaging_product"))
            {
                profile[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Array => string.Join(", ", property.Value.EnumerateArray().Select(v => v.ToString())),
                    JsonValueKind.String => property.Value.GetString()!,
                    _ => property.Value.GetRawText(),
                };
            }
        }

        return profile;
    }

    public async Task<IReadOnlyDictionary<string, string>> UpdateAsync(Account account, IReadOnlyDictionary<string, string> changes, CancellationToken ct)
    {
        var meta = Ready(account);
        var body = new JsonObject { ["messaging_product"] = "whatsapp" };
        foreach (var (key, value) in changes)
        {
            if (!Fields.Contains(key, StringComparer.Ordinal) || key == "profile_picture_url")
            {
                throw new ArgumentException($"'{key}' is not a business profile field Parley can set; use one of {string.Join(", ", Fields.Where(f => f != "profile_picture_url"))}.");
            }

            body[key] = key == "websites"
                ? new JsonArray([.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(w => (JsonNode)w)])
                : value;
        }

        using (var request = MetaGraph.PostJson(meta.Url(meta.PhoneNumberId!, "whatsapp_business_profile"), meta.AccessToken!, JsonSerializer.SerializeToUtf8Bytes(body)))
        using (await CallAsync(request, ct))
        {
        }

        return await GetAsync(account, ct);
    }

    /// <summary>Meta's refusal (or an unreachable Meta) as an <see cref="InvalidOperationException"/> saying what Meta said.</summary>
    private async Task<JsonDocument> CallAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await graph.SendForJsonAsync(request, ct);
        }
        catch (MetaApiException ex)
        {
            throw new InvalidOperationException(ex.Error is { } error ? error.Describe() : ex.Message, ex);
        }
    }

    private static MetaAccount Ready(Account account)
    {
        var meta = MetaAccount.From(account);
        return meta.MissingForSending() is { } missing ? throw new InvalidOperationException(missing) : meta;
    }
}
