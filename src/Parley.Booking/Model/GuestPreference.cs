namespace Parley.Booking.Model;

/// <summary>What a guest likes: a category or an interest with a weight, set explicitly or learned.</summary>
public sealed record GuestPreference(string Phone, string Kind, string Value, double Weight, bool Explicit, DateTimeOffset UpdatedAt)
{
    public const string CategoryKind = "category";
    public const string InterestKind = "interest";
}
