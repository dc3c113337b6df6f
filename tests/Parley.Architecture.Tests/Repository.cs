namespace Parley.Architecture.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ProjectDirectory(string project) =>
        project.StartsWith("tests/", StringComparison.Ordinal) ? Path.Combine(Root, project) : Path.Combine(Root, "src", project);

    public static string ProjectFile(string project) => Path.Combine(ProjectDirectory(project), Path.GetFileName(project) + ".csproj");

    /// <summary>The C# files of a project, without build output.</summary>
    public static IEnumerable<string> SourceFiles(string project) =>
        Directory.EnumerateFiles(ProjectDirectory(project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static string Relative(string path) => Path.GetRelativePath(Root, path);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: no Parley.slnx above " + AppContext.BaseDirectory);
    }
}
