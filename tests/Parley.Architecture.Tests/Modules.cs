namespace Parley.Architecture.Tests;

/// <summary>
/// The architecture as docs/architecture.md draws it: Core depends on no module; every other module depends on Core
/// (the products may also depend on Identity) and on no other; only the host (src/Parley) composes them.
/// </summary>
public static class Modules
{
    public const string Host = "Parley";

    public static IReadOnlyList<Module> All { get; } =
    [
        new("core", "Parley.Core", []),
        new("channels", "Parley.Channels", ["core"]),
        new("bots", "Parley.Bots", ["core"]),
        new("ai", "Parley.Ai", ["core"]),
        new("identity", "Parley.Identity", ["core"]),
        new("booking", "Parley.Booking", ["core", "identity"]),
        new("clinic", "Parley.Clinic", ["core", "identity"]),
    ];

    /// <summary>The modules that exist in this checkout (a module still being built is skipped until its project is there).</summary>
    public static IEnumerable<Module> Present => All.Where(m => File.Exists(Repository.ProjectFile(m.Project)));

    public static Module ByName(string name) => All.Single(m => m.Name == name);

    public static Module? ByProject(string project) => All.SingleOrDefault(m => m.Project == project);

    /// <summary>For theories: one row per module present.</summary>
    public static TheoryData<string> PresentNames()
    {
        var data = new TheoryData<string>();
        foreach (var m in Present)
        {
            data.Add(m.Name);
        }

        return data;
    }
}
