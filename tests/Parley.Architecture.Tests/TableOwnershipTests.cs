using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Parley.Architecture.Tests;

/// <summary>
/// A table has one owner, the module whose migrations create it; SQL in any other module (or in the host) never names
/// it: they call the owner's services. Read from the migrations and from every string literal of every project.
/// </summary>
public sealed partial class TableOwnershipTests
{
    [GeneratedRegex(@"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    // Where SQL names a table: FROM x, JOIN x, INTO x, UPDATE x SET, DELETE FROM x, TABLE x, REFERENCES x.
    [GeneratedRegex(@"\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\s+([a-z_][a-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex NamedTable();

    /// <summary>Every table and its owner, from the modules' migration scripts.</summary>
    public static IReadOnlyDictionary<string, string> Owners()
    {
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in Modules.Present)
        {
            var folder = Path.Combine(Repository.ProjectDirectory(module.Project), "Migrations");
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var script in Directory.EnumerateFiles(folder, "*.sql", SearchOption.AllDirectories))
            {
                foreach (Match m in CreateTable().Matches(File.ReadAllText(script)))
                {
                    var owner = owners.GetValueOrDefault(m.Groups[1].Value) ?? module.Name;
                    owner.ShouldBe(module.Name, $"Table {m.Groups[1].Value} is created by {module} and by {owner}: a table has one owner.");
                    owners[m.Groups[1].Value] = owner;
                }
            }
        }

        return owners;
    }

    [Fact]
    public void TheMigrations_GiveEveryTableOneOwner() => Owners()["messages"].ShouldBe("core");

    [Theory]
    [MemberData(nameof(Projects))]
    public void SqlInAProject_NamesOnlyItsOwnTables(string project)
    {
        var owners = Owners();
        var own = Modules.ByProject(project)?.Name;
        var trespasses = new List<string>();
        foreach (var file in Repository.SourceFiles(project))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var token in root.DescendantTokens().Where(IsString))
            {
                foreach (Match m in NamedTable().Matches(token.ValueText))
                {
                    if (owners.TryGetValue(m.Groups[1].Value, out var owner) && owner != own)
                    {
                        var line = token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                        trespasses.Add($"{Repository.Relative(file)}:{line} names {m.Groups[1].Value} ({owner}'s table)");
                    }
                }
            }
        }

        trespasses.ShouldBeEmpty($"{project} may name only its own tables; call the owner's services for the others.");
    }

    public static TheoryData<string> Projects()
    {
        var data = new TheoryData<string> { Modules.Host };
        foreach (var m in Modules.Present)
        {
            data.Add(m.Project);
        }

        return data;
    }

    private static bool IsString(SyntaxToken t) => t.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.InterpolatedStringTextToken
        or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken;
}
