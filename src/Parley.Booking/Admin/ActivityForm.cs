using System.Globalization;
using System.Text;
using Parley.Booking.Model;

namespace Parley.Booking.Admin;

/// <summary>
/// An activity as an operator edits it (the admin's form): text fields as typed, checked by <see cref="Validate"/> with
/// one sentence per field, and turned into an <see cref="Activity"/> only when they are all right.
/// </summary>
public sealed class ActivityForm
{
    public string Name { get; set; } = "";
    public string? NameEs { get; set; }
    public string Description { get; set; } = "";
    public string? DescriptionEs { get; set; }
    public string Category { get; set; } = "";

    /// <summary>Comma-separated interests (<c>diving, sea, family</c>).</summary>
    public string? Tags { get; set; }

    /// <summary>The price per person as typed (<c>45</c>, <c>45.50</c>).</summary>
    public string Price { get; set; } = "";

    public string Currency { get; set; } = "USD";
    public int DurationMinutes { get; set; } = 60;
    public string? MeetingPoint { get; set; }
    public int MinAge { get; set; }
    public int DefaultCapacity { get; set; } = 10;
    public bool Active { get; set; } = true;

    public static ActivityForm From(Activity a) => new()
    {
        Name = a.Name,
        NameEs = a.NameEs,
        Description = a.Description,
        DescriptionEs = a.DescriptionEs,
        Category = a.Category,
        Tags = a.Tags,
        Price = (a.PriceCents / 100m).ToString("0.00", CultureInfo.InvariantCulture),
        Currency = a.Currency,
        DurationMinutes = a.DurationMinutes,
        MeetingPoint = a.MeetingPoint,
        MinAge = a.MinAge,
        DefaultCapacity = a.DefaultCapacity,
        Active = a.Active,
    };

    /// <summary>What is wrong, by field name (empty when the form can be saved).</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 120)
        {
            errors["name"] = "Give the activity a name (up to 120 characters).";
        }

        if (string.IsNullOrWhiteSpace(Description))
        {
            errors["description"] = "Describe the activity: guests read this before they book.";
        }

        if (string.IsNullOrWhiteSpace(Category) || Category.Trim().Length > 40)
        {
            errors["category"] = "Give a category (like water, wellness, land; up to 40 characters): guests browse by it.";
        }

        if (PriceCents() is not { } cents)
        {
            errors["price"] = $"The price '{Price}' is not an amount: write it like 45 or 45.50 (0 for free).";
        }
        else if (cents > 100_000_000)
        {
            errors["price"] = "The price is more than 1,000,000: check the amount.";
        }

        if (Currency is null || Currency.Trim().Length != 3 || !Currency.Trim().All(char.IsAsciiLetter))
        {
            errors["currency"] = "The currency is a three-letter code, like USD, EUR or MXN.";
        }

        if (DurationMinutes is < 1 or > 24 * 60)
        {
            errors["duration"] = "The duration is between 1 minute and 24 hours (1440 minutes).";
        }

        if (MinAge is < 0 or > 120)
        {
            errors["minAge"] = "The minimum age is between 0 (anyone) and 120.";
        }

        if (DefaultCapacity is < 1 or > 10_000)
        {
            errors["capacity"] = "The default capacity is between 1 and 10,000 seats.";
        }

        return errors;
    }

    /// <summary>The price in cents, or null when it is not an amount (at most two decimals, not negative).</summary>
    public long? PriceCents()
    {
        var text = (Price ?? "").Trim().Replace(',', '.');
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount < 0 || decimal.Round(amount, 2) != amount)
        {
            return null;
        }

        return (long)(amount * 100);
    }

    /// <summary>The activity to save (call <see cref="Validate"/> first); an existing one keeps its slug and source.</summary>
    public Activity ToActivity(string slug, Activity? existing = null) => new()
    {
        Id = existing?.Id ?? 0,
        Slug = slug,
        Name = Name.Trim(),
        NameEs = Blank(NameEs),
        Description = Description.Trim(),
        DescriptionEs = Blank(DescriptionEs),
        Category = Category.Trim().ToLowerInvariant(),
        Tags = string.Join(',', (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).Distinct()),
        PriceCents = PriceCents() ?? 0,
        Currency = Currency.Trim().ToUpperInvariant(),
        DurationMinutes = DurationMinutes,
        MeetingPoint = (MeetingPoint ?? "").Trim(),
        MinAge = MinAge,
        DefaultCapacity = DefaultCapacity,
        Active = Active,
        Source = existing?.Source ?? "admin",
    };

    /// <summary>A slug from a name: lower-case ASCII letters and digits joined by dashes (<c>Sunset kayak!</c> → <c>sunset-kayak</c>).</summary>
    public static string Slugify(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder();
        foreach (var ch in decomposed)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                slug.Append(char.ToLowerInvariant(ch));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "activity" : text[..Math.Min(text.Length, 60)].TrimEnd('-');
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
