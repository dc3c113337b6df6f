namespace Parley.Booking.Chat;

/// <summary>What <see cref="FreeTextReader"/> understood of a free-text message.</summary>
public sealed record GuestQuestion
{
    /// <summary>The resort-local day asked about (today, tomorrow, a weekday), if any.</summary>
    public DateOnly? Day { get; init; }

    /// <summary>The number of people, if said (a party of 2, with two kids → 3).</summary>
    public int? PartySize { get; init; }

    public bool WithChildren { get; init; }

    /// <summary>Interests or categories named (<c>diving</c>, <c>spa</c>).</summary>
    public IReadOnlyList<string> Interests { get; init; } = [];

    /// <summary>The guest said they like these ("I like diving").</summary>
    public bool StatesALike { get; init; }

    /// <summary>Spanish words were seen.</summary>
    public bool LooksSpanish { get; init; }

    /// <summary>Something was understood (a day, a party, an interest).</summary>
    public bool Understood => Day is not null || PartySize is not null || WithChildren || Interests.Count > 0;
}
