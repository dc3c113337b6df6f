using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Contacts;

/// <summary>Finds contacts and sets their flags (block, allow, opt-out) for the API, the admin UI and the CLI.</summary>
public sealed class ContactDirectory(Database database, TimeProvider time)
{
    private const string Columns = "id, account_id, wa_id, phone, name, opted_out, opted_out_at, blocked, allowed, created_at, updated_at";

    private sealed record Row(long id, string account_id, string wa_id, string? phone, string? name, long opted_out, long? opted_out_at, long blocked, long allowed, long created_at, long updated_at);

    /// <summary>Contacts whose name, phone or wa_id contains <paramref name="search"/>, newest first.</summary>
    public async Task<Page<ContactSummary>> SearchAsync(string? search, string? accountId, long? beforeId, int limit, CancellationToken ct = default)
    {
        var where = new List<string> { "id < @before" };
        if (!string.IsNullOrWhiteSpace(search))
        {
            where.Add("(LOWER(COALESCE(name, '')) LIKE @pattern OR wa_id LIKE @digits OR COALESCE(phone, '') LIKE @digits)");
        }

        if (accountId is not null)
        {
            where.Add("account_id = @accountId");
        }

        var term = search?.Trim() ?? "";
        var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
        await using var c = await database.OpenAsync(ct);
        var rows = (await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM contacts WHERE {string.Join(" AND ", where)} ORDER BY id DESC LIMIT @take",
            new
            {
                before = beforeId ?? long.MaxValue,
                pattern = "%" + Escape(term.ToLowerInvariant()) + "%",
                // A search without digits must not match every number.
                digits = digits.Length == 0 ? "\u0001" : "%" + digits + "%",
                accountId,
                take = limit + 1,
            },
            cancellationToken: ct))).ToList();
        return Page<ContactSummary>.From(rows.Select(ToSummary).ToList(), limit, s => s.Id);
    }

    public async Task<ContactSummary?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM contacts WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToSummary(row);
    }

    /// <summary>An account's contact by number, in any form a provider or a person writes it (<see cref="ContactKey"/>).</summary>
    public async Task<ContactSummary?> FindAsync(string accountId, string waId, CancellationToken ct = default)
    {
        waId = ContactKey.Canonical(waId);
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM contacts WHERE account_id = @accountId AND wa_id = @waId", new { accountId, waId }, cancellationToken: ct));
        return row is null ? null : ToSummary(row);
    }

    /// <summary>Sets or clears a flag; returns the contact as it is now, or null when it does not exist.</summary>
    public async Task<ContactSummary?> SetAsync(long id, ContactFlag flag, bool value, CancellationToken ct = default)
    {
        var now = time.NowMs();
        var set = flag switch
        {
            ContactFlag.Blocked => "blocked = @v",
            ContactFlag.Allowed => "allowed = @v",
            ContactFlag.OptedOut => "opted_out = @v, opted_out_at = @at",
            _ => throw new ArgumentOutOfRangeException(nameof(flag)),
        };
        await using (var c = await database.OpenAsync(ct))
        {
            var updated = await c.ExecuteAsync(new CommandDefinition(
                $"UPDATE contacts SET {set}, updated_at = @now WHERE id = @id",
                new { id, v = value ? 1 : 0, at = value ? now : (long?)null, now }, cancellationToken: ct));
            if (updated == 0)
            {
                return null;
            }
        }

        return await FindAsync(id, ct);
    }

    private static string Escape(string s) => s.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);

    private static ContactSummary ToSummary(Row r) => new(r.id, r.account_id, r.wa_id)
    {
        Phone = r.phone,
        Name = r.name,
        OptedOut = r.opted_out != 0,
        OptedOutAt = r.opted_out_at is { } o ? Clock.FromMs(o) : null,
        Blocked = r.blocked != 0,
        Allowed = r.allowed != 0,
        CreatedAt = Clock.FromMs(r.created_at),
        UpdatedAt = Clock.FromMs(r.updated_at),
    };
}
