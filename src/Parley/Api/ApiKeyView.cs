using Parley.Core.ApiKeys;

namespace Parley.Api;

public sealed record ApiKeyView(string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt)
{
    public string? CreatedBy { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }

    internal static readonly ApiKeyView Example = new("2", "crm", "h3k9m2p7q4rs", [ApiScopes.Read, ApiScopes.MessagesSend],
        DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)) { CreatedBy = "cli" };

    public static ApiKeyView From(ApiKeyInfo k) => new(ApiProblems.Id(k.Id), k.Name, k.Prefix, k.Scopes, k.CreatedAt)
    {
        CreatedBy = k.CreatedBy,
        LastUsedAt = k.LastUsedAt,
    };
}
