using Dapper;
using Parley.Booking.Model;
using Parley.Core.Storage;

namespace Parley.Booking.Store;

/// <summary>
/// What guests like, learned from what they book (weight 2), what they ask about (0.5) and what they say they like (3),
/// plus their language and usual party size.
/// </summary>
public sealed class PreferenceStore(Database database, TimeProvider time)
{
    public const double BookedWeight = 2;
    public const double AskedWeight = 0.5;
    public const double ExplicitWeight = 3;

    public async Task<GuestProfile> ProfileAsync(string phone, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var guest = await c.QuerySingleOrDefaultAsync<(string? Name, string? Language, long? Party)>(new CommandDefinition(
            "SELECT name, language, usual_party_size FROM booking_guests WHERE phone = @phone", new { phone }, cancellationToken: ct));
        var prefs = await c.QueryAsync<(string Kind, string Value, double Weight, long Explicit, long UpdatedAt)>(new CommandDefinition(
            "SELECT kind, value, weight, explicit, updated_at FROM booking_preferences WHERE phone = @phone ORDER BY weight DESC, value",
            new { phone }, cancellationToken: ct));
        return new GuestProfile(phone, guest.Name, guest.Language, guest.Party is { } p ? (int)p : null,
            prefs.Select(r => new GuestPreference(phone, r.Kind, r.Value, r.Weight, r.Explicit != 0, Clock.FromMs(r.UpdatedAt))).ToList());
    }

    /// <summary>Adds <paramref name="weight"/> to a preference (creating it).</summary>
    public Task LearnAsync(string phone, string kind, string value, double weight, bool isExplicit = false, CancellationToken ct = default) =>
        database.WriteAsync(w => w.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO booking_preferences (phone, kind, value, weight, explicit, updated_at) VALUES (@phone, @kind, @value, @weight, @ex, @now)
            ON CONFLICT (phone, kind, value) DO UPDATE SET weight = booking_preferences.weight + excluded.weight,
                explicit = CASE WHEN excluded.explicit = 1 THEN 1 ELSE booking_preferences.explicit END, updated_at = excluded.updated_at
            """,
            new { phone, kind, value = value.Trim().ToLowerInvariant(), weight, ex = isExplicit ? 1L : 0L, now = time.NowMs() }, w.Transaction, cancellationToken: ct)), ct);

    public Task<int> ForgetAsync(string phone, string kind, string value, CancellationToken ct = default) =>
        database.WriteAsync(w => w.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM booking_preferences WHERE phone = @phone AND kind = @kind AND value = @value",
            new { phone, kind, value = value.Trim().ToLowerInvariant() }, w.Transaction, cancellationToken: ct)), ct);

    /// <summary>Records the guest's name, language and usual party size (null leaves a value as it is).</summary>
    public Task UpdateGuestAsync(string phone, string? name, string? language, int? partySize, CancellationToken ct = default) =>
        database.WriteAsync(w => w.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO booking_guests (phone, name, language, usual_party_size, updated_at) VALUES (@phone, @name, @language, @party, @now)
            ON CONFLICT (phone) DO UPDATE SET name = COALESCE(excluded.name, booking_guests.name),
                language = COALESCE(excluded.language, booking_guests.language),
                usual_party_size = COALESCE(excluded.usual_party_size, booking_guests.usual_party_size), updated_at = excluded.updated_at
            """,
            new { phone, name, language, party = (long?)partySize, now = time.NowMs() }, w.Transaction, cancellationToken: ct)), ct);

    /// <summary>Guests with preferences, for the admin: phone, name and their top preferences.</summary>
    public async Task<IReadOnlyList<GuestProfile>> GuestsAsync(int limit = 200, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var phones = await c.QueryAsync<string>(new CommandDefinition(
            "SELECT phone FROM booking_guests UNION SELECT phone FROM booking_preferences ORDER BY 1 LIMIT @limit", new { limit = (long)limit }, cancellationToken: ct));
        var list = new List<GuestProfile>();
        foreach (var phone in phones)
        {
            list.Add(await ProfileAsync(phone, ct));
        }

        return list;
    }
}
