using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Parley.Core.Accounts;
using Polly;
using Polly.Retry;

namespace Parley.Channels.Meta;

/// <summary>
/// Copies an account's message templates from Meta into the <c>templates</c> table:
/// <c>GET {ApiBaseUrl}/{BusinessAccountId}/message_templates?limit=100</c>, following <c>paging.next</c>.
/// Templates Meta no longer lists are marked DELETED; only APPROVED ones are active.
/// </summary>
public sealed partial class MetaTemplateSync(MetaGraph graph, MetaTemplateStore store, ILogger<MetaTemplateSync> logger)
{
    /// <summary>A safety stop: 100 pages of 100 templates is far beyond Meta's per-account template limit.</summary>
    private const int MaxPages = 100;

    // Reading a page is idempotent, so a passing failure is retried here rather than failing the whole sync.
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<MetaApiException>(e => e.Transient),
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromSeconds(1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>Syncs one account; returns the number of templates Meta listed.</summary>
    /// <exception cref="InvalidOperationException">The account has no BusinessAccountId or AccessToken.</exception>
    /// <exception cref="MetaApiException">Meta refused or could not be reached.</exception>
    public async Task<int> SyncAsync(Account account, CancellationToken ct)
    {
        var meta = MetaAccount.From(account);
        if (meta.BusinessAccountId is null || meta.AccessToken is null)
        {
            throw new InvalidOperationException(
                $"Account '{account.Id}' needs a BusinessAccountId and an AccessToken for its templates to be synced.");
        }

        var next = new Uri($"{meta.Url(meta.BusinessAccountId, "message_templates")}?limit=100");
        var seen = new HashSet<(string, string)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        for (var page = 0; next is not null && page < MaxPages && visited.Add(next.AbsoluteUri); page++)
        {
            var url = next;
            using var json = await Retry.ExecuteAsync(async token =>
            {
                using var request = MetaGraph.Request(HttpMethod.Get, url, meta.AccessToken);
                return await graph.SendForJsonAsync(request, token);
            }, ct);

            foreach (var item in Items(json.RootElement))
            {
                if (Read(item) is not { } template)
                {
                    continue;
                }

                await store.UpsertAsync(account.Id, template, ct);
                seen.Add((template.Name, template.Language));
                count++;
            }

            next = json.RootElement.TryGetProperty("paging", out var paging) && paging.TryGetProperty("next", out var n)
                && n.ValueKind == JsonValueKind.String && Uri.TryCreate(n.GetString(), UriKind.Absolute, out var nextUrl)
                ? nextUrl
                : null;
        }

        var removed = await store.MarkMissingAsync(account.Id, seen, ct);
        logger.LogInformation("Synced {Count} Meta templates of account {AccountId} ({Removed} no longer listed)", count, account.Id, removed);
        return count;
    }

    /// <summary>One entry of <c>data[]</c>; null when it lacks a name or language.</summary>
    public static MetaTemplate? Read(JsonElement item)
    {
        var name = Str(item, "name");
        var language = Str(item, "language");
        if (name is null || language is null)
        {
            return null;
        }

        string? body = null;
        string? components = null;
        if (item.TryGetProperty("components", out var c) && c.ValueKind == JsonValueKind.Array)
        {
            components = c.GetRawText();
            body = c.EnumerateArray()
                .Where(x => string.Equals(Str(x, "type"), "BODY", StringComparison.OrdinalIgnoreCase))
                .Select(x => Str(x, "text"))
                .FirstOrDefault();
        }

        return new MetaTemplate(name, language, (Str(item, "status") ?? "UNKNOWN").ToUpperInvariant())
        {
            Id = Str(item, "id"),
            Category = Str(item, "category"),
            Body = body,
            Parameters = body is null ? [] : Placeholder().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList(),
            Components = components,
        };
    }

    private static IEnumerable<JsonElement> Items(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray()
            : [];

    private static string? Str(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
