using System.Reflection;

namespace Parley.Core.Modules;

/// <summary>
/// A module's schema: the SQL scripts embedded in its assembly as <c>Migrations/{Sqlite|Postgres}/NNNN_name.sql</c>
/// (Directory.Build.props embeds them by that convention). Core's <see cref="Storage.Migrator"/> applies every
/// registered module's scripts, a module after the modules it depends on, and records them as (module, version), so
/// two modules never collide on a number.
/// </summary>
/// <param name="Name">The module's name as recorded in <c>schema_migrations</c>: lower case, stable forever.</param>
/// <param name="Assembly">The assembly that embeds the scripts.</param>
/// <param name="DependsOn">Modules whose tables this module's scripts reference; they are migrated first.</param>
public sealed record ModuleSchema(string Name, Assembly Assembly, IReadOnlyList<string> DependsOn)
{
    /// <summary>The messaging core: accounts, contacts, conversations, messages, the queues, operators, API keys.</summary>
    public static ModuleSchema Core { get; } = new("core", typeof(ModuleSchema).Assembly, []);

    /// <summary>A module whose scripts reference only Core's tables (and those of <paramref name="alsoDependsOn"/>).</summary>
    public static ModuleSchema Of<TMarker>(string name, params string[] alsoDependsOn) =>
        new(name, typeof(TMarker).Assembly, ["core", .. alsoDependsOn]);
}
