using System.Reflection;

namespace Parley.Hosting;

/// <summary>
/// Where Parley's files are, whatever the working directory: the content root (appsettings.json, and the start of every
/// relative path such as <c>Parley:DataDirectory</c>) and the web root.
/// <list type="bullet">
/// <item>Run from its source tree (<c>dotnet run --project src/Parley</c>, the build output in <c>src/Parley/bin/…</c>, or a
/// <c>parley</c> executable published from this clone): the project folder <c>src/Parley</c>, so the server and every command
/// share <c>src/Parley/data</c>.</item>
/// <item>Anywhere else (a published <c>parley</c> copied to a server): the folder of the executable.</item>
/// </list>
/// An explicit <c>--contentRoot</c> (or <c>ASPNETCORE_CONTENTROOT</c>/<c>DOTNET_CONTENTROOT</c>) wins, as in any ASP.NET Core app.
/// </summary>
public static class ApplicationDirectory
{
    /// <summary>The metadata key under which the build records the project folder (see Parley.csproj).</summary>
    public const string ProjectDirectoryKey = "ParleyProjectDirectory";

    private const string ProjectFile = "Parley.csproj";

    /// <summary>The builder options: <paramref name="args"/> with the content root and web root filled in unless given.</summary>
    public static WebApplicationOptions BuilderOptions(string[] args)
    {
        if (ContentRootGiven(args))
        {
            return new WebApplicationOptions { Args = args };
        }

        var contentRoot = Resolve();
        // A published app carries its wwwroot (with the framework's scripts) beside the executable; a build reads the
        // project's wwwroot plus the static web assets manifest.
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = contentRoot,
            WebRootPath = Directory.Exists(published) && !WebRootGiven(args) ? published : null,
        };
    }

    /// <summary>The project folder when this binary was built from a source tree that is still there, else the executable's folder.</summary>
    public static string Resolve() => Resolve(ProjectDirectory(), AppContext.BaseDirectory);

    /// <summary>The rule itself, for tests: the project folder if it still holds the project file, else the executable's folder.</summary>
    public static string Resolve(string? projectDirectory, string baseDirectory) =>
        projectDirectory is { Length: > 0 } && File.Exists(Path.Combine(projectDirectory, ProjectFile))
            ? Path.GetFullPath(projectDirectory)
            : Path.GetFullPath(baseDirectory);

    private static string? ProjectDirectory() =>
        typeof(ApplicationDirectory).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ProjectDirectoryKey)?.Value;

    private static bool ContentRootGiven(string[] args) =>
        HasOption(args, "contentRoot")
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));

    private static bool WebRootGiven(string[] args) =>
        HasOption(args, "webroot") || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_WEBROOT"));

    private static bool HasOption(string[] args, string key) =>
        args.Any(a => a.TrimStart('-', '/').StartsWith(key, StringComparison.OrdinalIgnoreCase)
            && (a.StartsWith("--", StringComparison.Ordinal) || a.StartsWith('/')));
}
