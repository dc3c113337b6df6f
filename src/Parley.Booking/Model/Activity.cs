namespace Parley.Booking.Model;

/// <summary>Something the resort offers: a dive, a spa treatment, a kayak tour.</summary>
public sealed record Activity
{
    public long Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public string? NameEs { get; init; }
    public required string Description { get; init; }
    public string? DescriptionEs { get; init; }
    public required string Category { get; init; }

    /// <summary>Comma-separated interests it matches (<c>diving,sea,family</c>).</summary>
    public string Tags { get; init; } = "";

    public long PriceCents { get; init; }
    public string Currency { get; init; } = "USD";
    public int DurationMinutes { get; init; }
    public string MeetingPoint { get; init; } = "";
    public int MinAge { get; init; }
    public int DefaultCapacity { get; init; }
    public bool Active { get; init; } = true;
    public string Source { get; init; } = "admin";

    public IReadOnlyList<string> TagList => Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string NameIn(string language) => language == "es" && !string.IsNullOrWhiteSpace(NameEs) ? NameEs! : Name;

    public string DescriptionIn(string language) => language == "es" && !string.IsNullOrWhiteSpace(DescriptionEs) ? DescriptionEs! : Description;
}
