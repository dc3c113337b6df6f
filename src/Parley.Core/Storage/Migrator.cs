using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Parley.Core.Storage;

/// <summary>
/// Applies the versioned SQL scripts embedded under Storage/Migrations/{Sqlite|Postgres}, in order,
/// in one transaction, recording each in <c>schema_migrations</c>. See docs/adr/001-schema-migrations.md.
/// </summary>
public sealed class Migrator(Database database, TimeProvider time, ILogger<Migrator> logger)
{
    private const long PostgresLockKey = 0x5061726C6579; // "Parley"

    public sealed record Script(int Version, string Name, string Sql);

    public IReadOnlyList<Script> Scripts { get; } = LoadScripts(database.Kind);

    /// <summary>Applies every pending script; returns the versions applied.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct = default)
    {
        await database.EnsureWalAsync(ct);
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(connection, ct);
        if (database.Kind == DatabaseKind.Postgres)
        {
            // Several instances may start at once: one migrates, the others wait and find nothing to do.
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresLockKey }, tx);
        }

        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            transaction: tx);
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations", transaction: tx)).ToHashSet();
        var done = new List<int>();
        foreach (var script in Scripts.Where(s => !applied.Contains(s.Version)))
        {
            logger.LogInformation("Applying migration {Version} {Name}", script.Version, script.Name);
            await connection.ExecuteAsync(script.Sql, transaction: tx);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @at)",
                new { script.Version, script.Name, at = time.GetUtcNow().ToUnixTimeMilliseconds() },
                tx);
            done.Add(script.Version);
        }

        await tx.CommitAsync(ct);
        return done;
    }

    public async Task<int> CurrentVersionAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        try
        {
            return await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_migrations") ?? 0;
        }
        catch (DbException)
        {
            return 0;
        }
    }

    private static List<Script> LoadScripts(DatabaseKind kind)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Storage.Migrations.{kind}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var version = int.Parse(file.AsSpan(0, file.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new Script(version, file, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }
}
