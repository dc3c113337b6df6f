using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Parley.Architecture.Tests;

/// <summary>
/// Adding a provider touches no file in Core: Core's code names no provider (its facts — error codes, limits, required
/// settings — are declared by each channel behind Core's interfaces). Comments may mention providers; code may not.
/// </summary>
public sealed class ProviderNeutralCoreTests
{
    [Fact]
    public void CoresCode_NamesNoProvider()
    {
        var providers = Assembly.Load("Parley.Channels").GetType("Parley.Channels.Providers")!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        providers.ShouldNotBeEmpty();

        var named = new List<string>();
        foreach (var file in Repository.SourceFiles("Parley.Core"))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var token in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.InterpolatedStringTextToken)))
            {
                if (providers.Contains(token.ValueText.Trim()))
                {
                    named.Add($"{Repository.Relative(file)}:{token.GetLocation().GetLineSpan().StartLinePosition.Line + 1} \"{token.ValueText}\"");
                }
            }
        }

        named.ShouldBeEmpty("Core names a provider: let the channel declare the fact (ChannelCapabilities, IAccountRules, SendResult).");
    }
}
