using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Maintenance;

/// <summary>
/// A named lease in <c>job_leases</c> that makes a job run on one instance at a time: taking it is one upsert that
/// only succeeds when the current lease has expired (race-free on both engines). A finished run sets the lease to
/// expire when the next run is due, so the lease is also the schedule; a crashed holder's lease simply runs out.
/// </summary>
public sealed class JobLease(Database database)
{
    /// <summary>Takes the lease until <paramref name="until"/> when it is free (expired or never taken); false otherwise.</summary>
    public async Task<bool> TryAcquireAsync(string name, string owner, long now, long until, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var taken = await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            INSERT INTO job_leases (name, owner, lease_until, last_started_at) VALUES (@name, @owner, @until, @now)
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until, last_started_at = excluded.last_started_at
            WHERE job_leases.lease_until < @now
            RETURNING owner
            """,
            new { name, owner, until, now }, cancellationToken: ct));
        return taken == owner;
    }

    /// <summary>Records the run's outcome and keeps the lease until <paramref name="nextDue"/>; false when the lease was lost meanwhile.</summary>
    public async Task<bool> CompleteAsync(string name, string owner, long now, long nextDue, string result, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE job_leases SET lease_until = @nextDue, last_finished_at = @now, last_result = @result WHERE name = @name AND owner = @owner",
            new { name, owner, now, nextDue, result = result.Length > 2000 ? result[..2000] : result }, cancellationToken: ct)) == 1;
    }

    public sealed record State(string name, string? owner, long lease_until, long? last_started_at, long? last_finished_at, string? last_result);

    public async Task<State?> ReadAsync(string name, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<State>(new CommandDefinition(
            "SELECT name, owner, lease_until, last_started_at, last_finished_at, last_result FROM job_leases WHERE name = @name",
            new { name }, cancellationToken: ct));
    }
}
