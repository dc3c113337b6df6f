using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Parley.Architecture.Tests;

/// <summary>A reader who knows a type's name finds its file: one top-level type per file, the file named after it.</summary>
public sealed class SourceLayoutTests
{
    [Theory]
    [MemberData(nameof(TableOwnershipTests.Projects), MemberType = typeof(TableOwnershipTests))]
    public void EveryTopLevelType_HasAFileOfItsOwn_NamedAfterIt(string project)
    {
        var misplaced = new List<string>();
        foreach (var file in Repository.SourceFiles(project))
        {
            var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            var types = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .OfType<MemberDeclarationSyntax>()
                .Where(m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                .Where(m => !m.Modifiers.Any(SyntaxKind.FileKeyword))
                .Select(Name)
                .ToList();
            var expected = Path.GetFileNameWithoutExtension(file);
            misplaced.AddRange(types.Where(t => t != expected).Select(t => $"{Repository.Relative(file)} declares {t}"));
        }

        misplaced.ShouldBeEmpty("Move each type to a file named after it (file-local helpers may be declared 'file').");
    }

    private static string Name(MemberDeclarationSyntax m) => m switch
    {
        BaseTypeDeclarationSyntax t => t.Identifier.Text,
        DelegateDeclarationSyntax d => d.Identifier.Text,
        _ => "?",
    };
}
