namespace Parley.Core.Storage;

/// <summary>One embedded schema script of a module: <c>Migrations/{engine}/NNNN_name.sql</c>.</summary>
public sealed record MigrationScript(string Module, int Version, string Name, string Sql)
{
    public override string ToString() => $"{Module} {Version:0000}_{Name}";
}
