namespace Parley.Hosting;

/// <summary>
/// What a person types to run Parley's commands, for help, hints and the start-up line: <c>parley</c> for a published
/// executable, <c>dotnet run --project src/Parley --</c> for the build of the source tree, <c>dotnet Parley.dll</c> when the
/// dll is run by the dotnet host.
/// </summary>
public static class CommandLineName
{
    public const string DotnetRun = "dotnet run --project src/Parley --";

    /// <summary>The form for this process.</summary>
    public static string Current { get; } = For(Environment.ProcessPath, AppContext.BaseDirectory, ProjectDirectoryOrNull());

    /// <summary>The rule, for tests: the host that runs us, whether we are the project's build output, else the executable's name.</summary>
    public static string For(string? processPath, string baseDirectory, string? projectDirectory)
    {
        var file = Path.GetFileNameWithoutExtension(processPath ?? "");
        if (file.Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return "dotnet Parley.dll";
        }

        // The apphost in src/Parley/bin/<Configuration>/<framework>/, beside Parley.dll: what `dotnet run` starts.
        var bin = projectDirectory is null ? null : Path.GetFullPath(Path.Combine(projectDirectory, "bin")) + Path.DirectorySeparatorChar;
        if (bin is not null && Path.GetFullPath(baseDirectory).StartsWith(bin, StringComparison.Ordinal) && File.Exists(Path.Combine(baseDirectory, "Parley.dll")))
        {
            return DotnetRun;
        }

        return file.Length == 0 ? "parley" : file;
    }

    private static string? ProjectDirectoryOrNull()
    {
        var dir = ApplicationDirectory.Resolve();
        return File.Exists(Path.Combine(dir, "Parley.csproj")) ? dir : null;
    }
}
