using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Parley.Hosting;

namespace Parley.Tests.Cli;

/// <summary>
/// The server and every command use one data directory wherever they are started.
/// Regression (issue 20): <c>src/Parley/bin/…/Parley apikeys list</c> started from the repository root created a new empty
/// <c>./data/parley.db</c> there and said "No API keys", silently another database than the server's.
/// </summary>
public sealed partial class DataDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("parley-cwd-").FullName;

    [Fact]
    public async Task ACommandAndTheServer_StartedFromTwoWorkingDirectories_ShareOneDatabase()
    {
        // The content root a published Parley has (its own folder); no data directory given, so the default applies.
        var install = Folder("install");
        var first = Folder("first");
        var second = Folder("second");
        var database = Path.Combine(install, "data", "parley.db");

        var created = await ParleyProcess.RunAsync(["apikeys", "create", "--name", "ci", $"--contentRoot={install}"], workingDirectory: first);
        created.ExitCode.ShouldBe(0, created.StdErr);
        created.StdErr.ShouldContain($"a new empty one was created: sqlite:{database}");
        var key = created.StdOut.Trim().Split('\n')[^1];

        var (server, url) = await ParleyProcess.StartServerAsync(new Dictionary<string, string?> { ["contentRoot"] = install }, workingDirectory: second);
        await using (server)
        {
            using var http = new HttpClient { BaseAddress = url };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            (await http.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var list = await ParleyProcess.RunAsync(["apikeys", "list", $"--contentRoot={install}"], workingDirectory: second);
        list.ExitCode.ShouldBe(0, list.StdErr);
        list.StdOut.ShouldContain("\tci\t");
        list.StdErr.ShouldNotContain("new empty");

        Directory.Exists(Path.Combine(first, "data")).ShouldBeFalse();
        Directory.Exists(Path.Combine(second, "data")).ShouldBeFalse();
    }

    [Fact]
    public async Task ACommandThatFindsNothing_NamesTheDatabaseItLookedIn()
    {
        var install = Folder("empty");

        var run = await ParleyProcess.RunAsync(["apikeys", "list", $"--contentRoot={install}"], workingDirectory: Folder("elsewhere"));

        run.ExitCode.ShouldBe(0, run.StdErr);
        run.StdOut.ShouldBeEmpty(); // piped: data only, and there is none
        run.StdErr.ShouldContain($"No active API keys in sqlite:{Path.Combine(install, "data", "parley.db")}.");
    }

    [Fact]
    public async Task TheDefault_FromTheSourceTree_IsSrcParleyData_WhereverTheCommandStarts()
    {
        // validate-config names the database without creating it.
        var expected = Path.Combine(RepositoryRoot(), "src", "Parley", "data", "parley.db");
        foreach (var cwd in new[] { Folder("a"), Folder("b") })
        {
            var run = await ParleyProcess.RunAsync(["validate-config"], workingDirectory: cwd);

            run.ExitCode.ShouldBe(0, run.StdErr);
            DatabaseNamed().Match(run.StdOut).Groups[1].Value.ShouldBe(expected, run.StdOut);
            Directory.Exists(Path.Combine(cwd, "data")).ShouldBeFalse();
        }
    }

    [Fact]
    public void TheApplicationFolder_IsTheProject_WhileItsSourceIsThere_ElseTheExecutablesFolder()
    {
        var project = Folder("src-parley");
        var bin = Folder("bin-out");

        ApplicationDirectory.Resolve(project, bin).ShouldBe(bin); // a folder without Parley.csproj is not the project
        File.WriteAllText(Path.Combine(project, "Parley.csproj"), "<Project />");
        ApplicationDirectory.Resolve(project, bin).ShouldBe(project);
        ApplicationDirectory.Resolve(null, bin).ShouldBe(bin);
        ApplicationDirectory.Resolve(Path.Combine(_root, "gone"), bin).ShouldBe(bin); // built elsewhere, copied here
    }

    [Fact]
    public void TheCommandLineName_IsWhatAPersonTypes()
    {
        var project = Folder("proj");
        File.WriteAllText(Path.Combine(project, "Parley.csproj"), "<Project />");
        var build = Directory.CreateDirectory(Path.Combine(project, "bin", "Debug", "net10.0")).FullName;
        File.WriteAllText(Path.Combine(build, "Parley.dll"), "");
        var published = Folder("publish");

        CommandLineName.For(Path.Combine(build, "Parley"), build, project).ShouldBe("dotnet run --project src/Parley --");
        CommandLineName.For("/usr/share/dotnet/dotnet", build, project).ShouldBe("dotnet Parley.dll");
        CommandLineName.For(Path.Combine(published, "parley"), published, project).ShouldBe("parley");
        CommandLineName.For(Path.Combine(published, "parley"), published, null).ShouldBe("parley");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository.");
    }

    [GeneratedRegex(@"database sqlite:(\S+parley\.db)")]
    private static partial Regex DatabaseNamed();
}
