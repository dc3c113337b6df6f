namespace Parley.Architecture.Tests;

/// <summary>A module of Parley: its project under src/, and the modules it may depend on.</summary>
/// <param name="Name">The module's name, as its schema is recorded (<c>core</c>, <c>bots</c>).</param>
/// <param name="Project">The project's folder and assembly name under src/.</param>
public sealed record Module(string Name, string Project, IReadOnlyList<string> MayDependOn)
{
    public string Namespace => Project;

    public override string ToString() => Project;
}
