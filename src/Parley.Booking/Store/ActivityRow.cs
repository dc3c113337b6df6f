using Parley.Booking.Model;

namespace Parley.Booking.Store;

internal sealed class ActivityRow
{
    public const string Columns = """
        id AS Id, slug AS Slug, name AS Name, name_es AS NameEs, description AS Description, description_es AS DescriptionEs,
        category AS Category, tags AS Tags, price_cents AS PriceCents, currency AS Currency, duration_minutes AS DurationMinutes,
        meeting_point AS MeetingPoint, min_age AS MinAge, default_capacity AS DefaultCapacity, active AS Active, source AS Source
        """;

    public long Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEs { get; set; }
    public string Description { get; set; } = "";
    public string? DescriptionEs { get; set; }
    public string Category { get; set; } = "";
    public string Tags { get; set; } = "";
    public long PriceCents { get; set; }
    public string Currency { get; set; } = "";
    public long DurationMinutes { get; set; }
    public string MeetingPoint { get; set; } = "";
    public long MinAge { get; set; }
    public long DefaultCapacity { get; set; }
    public long Active { get; set; }
    public string Source { get; set; } = "";

    public Activity ToActivity() => new()
    {
        Id = Id,
        Slug = Slug,
        Name = Name,
        NameEs = NameEs,
        Description = Description,
        DescriptionEs = DescriptionEs,
        Category = Category,
        Tags = Tags,
        PriceCents = PriceCents,
        Currency = Currency,
        DurationMinutes = (int)DurationMinutes,
        MeetingPoint = MeetingPoint,
        MinAge = (int)MinAge,
        DefaultCapacity = (int)DefaultCapacity,
        Active = Active != 0,
        Source = Source,
    };
}
