using Parley.Core.Contacts;

namespace Parley.Api;

public sealed record ContactView(string Id, string AccountId, string WaId)
{
    public string? Phone { get; init; }
    public string? Name { get; init; }
    public bool OptedOut { get; init; }
    public DateTimeOffset? OptedOutAt { get; init; }
    public bool Blocked { get; init; }
    public bool Allowed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    internal static readonly ContactView Example = new("3", "sandbox", "15550001111")
    {
        Phone = "+15550001111",
        Name = "Ana",
        CreatedAt = DateTimeOffset.Parse("2026-01-05T09:59:00Z", System.Globalization.CultureInfo.InvariantCulture),
        UpdatedAt = DateTimeOffset.Parse("2026-01-05T09:59:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static ContactView From(ContactSummary c) => new(ApiProblems.Id(c.Id), c.AccountId, c.WaId)
    {
        Phone = c.Phone,
        Name = c.Name,
        OptedOut = c.OptedOut,
        OptedOutAt = c.OptedOutAt,
        Blocked = c.Blocked,
        Allowed = c.Allowed,
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
    };
}
