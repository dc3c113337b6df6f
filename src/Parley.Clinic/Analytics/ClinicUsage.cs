using Dapper;
using Parley.Core.Storage;

namespace Parley.Clinic.Analytics;

/// <summary>Counts sign-ins and commands by role for the analytics page (table <c>clinic_usage</c>): no content, no patient.</summary>
public sealed class ClinicUsage(Database database, TimeProvider time)
{
    public const string SignIn = "signin";
    public const string Command = "command";

    public async Task RecordAsync(string kind, string name, string? role, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO clinic_usage (at, kind, name, role) VALUES (@now, @kind, @name, @role)",
            new { now = time.NowMs(), kind, name, role }, cancellationToken: ct));
    }

    /// <summary>(kind, name, role) → count since <paramref name="from"/>.</summary>
    public async Task<IReadOnlyList<UsageCount>> CountAsync(DateTimeOffset from, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(string kind, string name, string? role, long n)>(new CommandDefinition(
            "SELECT kind, name, role, COUNT(*) AS n FROM clinic_usage WHERE at >= @from GROUP BY kind, name, role ORDER BY kind, name, role",
            new { from = from.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return rows.Select(r => new UsageCount(r.kind, r.name, r.role, r.n)).ToList();
    }
}
