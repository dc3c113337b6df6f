using Parley.Core.Templates;

namespace Parley.Api;

public sealed record TemplateView(string Id, string Name, string Language, string Status, bool Active)
{
    /// <summary>Empty when the template is shared by every account.</summary>
    public string? AccountId { get; init; }
    public string? Category { get; init; }
    public string? Body { get; init; }
    public IReadOnlyList<string> Parameters { get; init; } = [];
    public string? ProviderTemplateId { get; init; }
    public string Source { get; init; } = "local";
    public DateTimeOffset UpdatedAt { get; init; }

    internal static readonly TemplateView Example = new("5", "order_shipped", "es", "APPROVED", true)
    {
        AccountId = "meta-main",
        Category = "UTILITY",
        Body = "Hola {{1}}, tu pedido {{2}} va en camino.",
        Parameters = ["1", "2"],
        Source = "meta",
        UpdatedAt = DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static TemplateView From(TemplateInfo t) => new(ApiProblems.Id(t.Id), t.Name, t.Language, t.Status, t.Active)
    {
        AccountId = t.AccountId.Length == 0 ? null : t.AccountId,
        Category = t.Category,
        Body = t.Body,
        Parameters = t.Parameters.Count > 0 ? t.Parameters : t.Body is null ? [] : TemplateRenderer.PlaceholdersOf(t.Body),
        ProviderTemplateId = t.ProviderTemplateId,
        Source = t.Source,
        UpdatedAt = t.UpdatedAt,
    };
}
