using System.Xml.Linq;

namespace Parley.Architecture.Tests;

/// <summary>Dependencies point one way: a module references only the modules it may depend on; only the host composes.</summary>
public sealed class ProjectDependencyTests
{
    [Theory]
    [MemberData(nameof(Modules.PresentNames), MemberType = typeof(Modules))]
    public void AModule_ReferencesOnlyTheModulesItMayDependOn(string name)
    {
        var module = Modules.ByName(name);
        var referenced = ProjectReferences(Repository.ProjectFile(module.Project)).ToList();

        referenced.ShouldNotContain(Modules.Host, $"{module} references the host: only the host composes modules.");
        foreach (var project in referenced)
        {
            var other = Modules.ByProject(project);
            other.ShouldNotBeNull($"{module} references {project}, which is not a module (add it to Modules.All with its allowed dependencies).");
            module.MayDependOn.ShouldContain(other.Name, $"{module} references {project}: a module depends on Core (and the products on Identity), never on another module.");
        }
    }

    [Fact]
    public void EveryProjectUnderSrc_IsAModuleOrTheHost()
    {
        var projects = Directory.EnumerateDirectories(Path.Combine(Repository.Root, "src")).Select(Path.GetFileName).ToList();

        projects.Where(p => p != Modules.Host && Modules.ByProject(p!) is null)
            .ShouldBeEmpty("A project under src/ that is not in Modules.All has no dependency rule: add it there.");
    }

    [Theory]
    [InlineData("tests/Parley.Core.Tests")]
    [InlineData("tests/Parley.Bots.Tests")]
    [InlineData("tests/Parley.Ai.Tests")]
    public void AModulesTests_BuildWithoutTheHost(string testProject)
    {
        Reachable(Repository.ProjectFile(testProject)).ShouldNotContain(Modules.Host, $"{testProject} reaches the host project: its tests must build without the whole app (use tests/Parley.Testing, not Parley.Testing.Host).");
    }

    private static IEnumerable<string> ProjectReferences(string projectFile) =>
        XDocument.Load(projectFile).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));

    /// <summary>Every project reachable through project references (by name).</summary>
    private static HashSet<string> Reachable(string projectFile)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([projectFile]);
        while (queue.TryDequeue(out var file))
        {
            foreach (var include in XDocument.Load(file).Descendants("ProjectReference").Select(r => r.Attribute("Include")!.Value.Replace('\\', '/')))
            {
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, include));
                if (seen.Add(Path.GetFileNameWithoutExtension(path)))
                {
                    queue.Enqueue(path);
                }
            }
        }

        return seen;
    }
}
