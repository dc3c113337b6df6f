using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Core.Modules;

namespace Parley.Core.Storage;

/// <summary>
/// Applies every registered module's schema scripts (<see cref="ModuleSchema"/>), a module after those it depends on
/// and each module's scripts in version order, all in one transaction, recording each as (module, version) in
/// <c>schema_migrations</c>. See docs/adr/001-schema-migrations.md.
/// </summary>
public sealed partial class Migrator(Database database, IEnumerable<ModuleSchema> modules, TimeProvider time, ILogger<Migrator> logger)
{
    private const long PostgresLockKey = 0x5061726C6579; // "Parley"

    private const string CreateTable =
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            module      TEXT    NOT NULL,
            version     INTEGER NOT NULL,
            name        TEXT    NOT NULL,
            applied_at  BIGINT  NOT NULL,
            PRIMARY KEY (module, version)
        )
        """;

    private readonly IReadOnlyList<ModuleSchema> _modules = InDependencyOrder(modules);

    /// <summary>Every script of every registered module, in the order they are applied.</summary>
    public IReadOnlyList<MigrationScript> Scripts => _scripts ??= _modules.SelectMany(m => LoadScripts(m, database.Kind)).ToList();

    private IReadOnlyList<MigrationScript>? _scripts;

    /// <summary>Applies every pending script; returns those applied.</summary>
    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(CancellationToken ct = default)
    {
        await database.EnsureWalAsync(ct);
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(connection, ct);
        if (database.Kind == DatabaseKind.Postgres)
        {
            // Several instances may start at once: one migrates, the others wait and find nothing to do.
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresLockKey }, tx);
        }

        await UpgradeLegacyRecordAsync(connection, tx, ct);
        await connection.ExecuteAsync(new CommandDefinition(CreateTable, transaction: tx, cancellationToken: ct));
        var applied = await AppliedAsync(connection, tx, ct);
        var done = new List<MigrationScript>();
        foreach (var script in Scripts.Where(s => !applied.Contains((s.Module, s.Version))))
        {
            logger.LogInformation("Applying migration {Module} {Version} {Name}", script.Module, script.Version, script.Name);
            await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (@Module, @Version, @Name, @at)",
                new { script.Module, script.Version, script.Name, at = time.GetUtcNow().ToUnixTimeMilliseconds() },
                tx, cancellationToken: ct));
            done.Add(script);
        }

        await tx.CommitAsync(ct);
        return done;
    }

    /// <summary>Per module: the newest version applied and the newest this build has (0 applied for a new database).</summary>
    public async Task<IReadOnlyList<ModuleVersion>> StatusAsync(CancellationToken ct = default)
    {
        HashSet<(string Module, int Version)> applied;
        await using (var connection = await database.OpenAsync(ct))
        {
            applied = await HasModuleColumnAsync(connection, null, ct) ? await AppliedAsync(connection, null, ct) : [];
        }

        return _modules
            .Select(m => new ModuleVersion(
                m.Name,
                applied.Where(a => a.Module == m.Name).Select(a => a.Version).DefaultIfEmpty(0).Max(),
                Scripts.Where(s => s.Module == m.Name).Select(s => s.Version).DefaultIfEmpty(0).Max()))
            .ToList();
    }

    private static async Task<HashSet<(string Module, int Version)>> AppliedAsync(DbConnection c, DbTransaction? tx, CancellationToken ct) =>
        (await c.QueryAsync<(string Module, long Version)>(new CommandDefinition(
            "SELECT module, CAST(version AS BIGINT) FROM schema_migrations", transaction: tx, cancellationToken: ct)))
        .Select(r => (r.Module, (int)r.Version))
        .ToHashSet();

    /// <summary>
    /// A database made before modules owned their scripts records one global version per script: rewrite that record
    /// as (module, version) pairs (<see cref="LegacySchemaMigrations"/>), so nothing is applied twice.
    /// </summary>
    private async Task UpgradeLegacyRecordAsync(DbConnection c, DbTransaction tx, CancellationToken ct)
    {
        if (!await TableExistsAsync(c, tx, ct) || await HasModuleColumnAsync(c, tx, ct))
        {
            return;
        }

        var legacy = (await c.QueryAsync<(long Version, string Name, long AppliedAt)>(new CommandDefinition(
            "SELECT CAST(version AS BIGINT), name, CAST(applied_at AS BIGINT) FROM schema_migrations", transaction: tx, cancellationToken: ct))).ToList();
        var unknown = legacy.Where(r => !LegacySchemaMigrations.Map.ContainsKey((int)r.Version)).Select(r => r.Name).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database records schema migrations this Parley does not know ({string.Join(", ", unknown)}): was it made by a newer Parley?");
        }

        // Dropped before the new table is made: on PostgreSQL the old primary key's name would collide with the new one's.
        await c.ExecuteAsync(new CommandDefinition("DROP TABLE schema_migrations", transaction: tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(CreateTable, transaction: tx, cancellationToken: ct));
        foreach (var row in legacy)
        {
            var (module, version, name) = LegacySchemaMigrations.Map[(int)row.Version];
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (@module, @version, @name, @AppliedAt)",
                new { module, version, name, row.AppliedAt }, tx, cancellationToken: ct));
        }

        logger.LogInformation("Schema record upgraded to per-module versions ({Count} migrations kept)", legacy.Count);
    }

    private Task<bool> TableExistsAsync(DbConnection c, DbTransaction? tx, CancellationToken ct) =>
        c.ExecuteScalarAsync<bool>(new CommandDefinition(
            database.Kind == DatabaseKind.Postgres
                ? "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations')"
                : "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')",
            transaction: tx, cancellationToken: ct));

    private Task<bool> HasModuleColumnAsync(DbConnection c, DbTransaction? tx, CancellationToken ct) =>
        c.ExecuteScalarAsync<bool>(new CommandDefinition(
            database.Kind == DatabaseKind.Postgres
                ? "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'schema_migrations' AND column_name = 'module')"
                : "SELECT EXISTS (SELECT 1 FROM pragma_table_info('schema_migrations') WHERE name = 'module')",
            transaction: tx, cancellationToken: ct));

    /// <summary>Modules sorted so that each comes after those it depends on; independent modules by name.</summary>
    internal static IReadOnlyList<ModuleSchema> InDependencyOrder(IEnumerable<ModuleSchema> modules)
    {
        var byName = new Dictionary<string, ModuleSchema>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            if (byName.TryGetValue(module.Name, out var other) && other.Assembly != module.Assembly)
            {
                throw new InvalidOperationException($"Two modules are named '{module.Name}' ({other.Assembly.GetName().Name}, {module.Assembly.GetName().Name}).");
            }

            byName[module.Name] = module;
        }

        var ordered = new List<ModuleSchema>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: being visited, true: done
        void Visit(ModuleSchema module, string? requiredBy)
        {
            if (state.TryGetValue(module.Name, out var done))
            {
                if (!done)
                {
                    throw new InvalidOperationException($"Modules '{module.Name}' and '{requiredBy}' depend on each other.");
                }

                return;
            }

            state[module.Name] = false;
            foreach (var dependency in module.DependsOn.Order(StringComparer.Ordinal))
            {
                if (!byName.TryGetValue(dependency, out var required))
                {
                    throw new InvalidOperationException($"Module '{module.Name}' depends on module '{dependency}', which is not registered.");
                }

                Visit(required, module.Name);
            }

            state[module.Name] = true;
            ordered.Add(module);
        }

        foreach (var module in byName.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            Visit(module, null);
        }

        return ordered;
    }

    [GeneratedRegex(@"^Migrations/(?<kind>Sqlite|Postgres)/(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();

    private static IEnumerable<MigrationScript> LoadScripts(ModuleSchema module, DatabaseKind kind)
    {
        var scripts = new List<MigrationScript>();
        foreach (var resource in module.Assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success || match.Groups["kind"].Value != kind.ToString())
            {
                continue;
            }

            using var stream = module.Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new MigrationScript(
                module.Name, int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Module '{module.Name}' has two {kind} scripts numbered {duplicate.Key}.");
        }

        return scripts.OrderBy(s => s.Version);
    }
}
