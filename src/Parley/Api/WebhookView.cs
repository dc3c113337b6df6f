using Parley.Core.Events;
using Parley.Core.Webhooks;

namespace Parley.Api;

public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> Events, bool Enabled)
{
    public string? Description { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    internal static readonly WebhookView Example = new("4", "https://crm.example.com/parley", [MessageReceived.Name, MessageStatusChanged.Name], true)
    {
        Description = "CRM",
        CreatedAt = DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        UpdatedAt = DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static WebhookView From(WebhookSubscription s) => new(ApiProblems.Id(s.Id), s.Url, s.Events, s.Enabled)
    {
        Description = s.Description,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
    };
}
