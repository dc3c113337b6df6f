using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.DataSources;

/// <summary>
/// The tables of Parley's own schema, which a data source on Parley's database may not read: operators and their
/// password hashes, API keys, accounts and their (encrypted) secrets, messages, contacts, every module's tables.
/// Read from the migration scripts of every registered module, so a module's new table is covered without a list to
/// keep. The demo tables (<c>demo_*</c>) exist for data sources to read and stay readable, and so do tables a person
/// created in Parley's database for their own data.
/// </summary>
public sealed partial class ParleyTables(Migrator migrator)
{
    private FrozenSet<string>? _names;

    [GeneratedRegex(@"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?""?(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    /// <summary>The protected names, lower case.</summary>
    public FrozenSet<string> Names => _names ??= migrator.Scripts
        .SelectMany(s => CreateTable().Matches(s.Sql).Select(m => m.Groups["name"].Value.ToLowerInvariant()))
        .Append("schema_migrations")
        .Where(name => !name.StartsWith("demo_", StringComparison.Ordinal))
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public bool IsProtected(string? table) => table is not null && Names.Contains(table);
}
