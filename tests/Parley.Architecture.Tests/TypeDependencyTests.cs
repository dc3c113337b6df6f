using System.Reflection;

namespace Parley.Architecture.Tests;

/// <summary>
/// The same rules on compiled code (every type an assembly refers to, from its metadata): a module uses no type of a
/// module it may not depend on, nor of the host, and Core uses no ASP.NET Core type (it knows no web, no provider, no
/// bot, no model).
/// </summary>
public sealed class TypeDependencyTests
{
    [Theory]
    [MemberData(nameof(Modules.PresentNames), MemberType = typeof(Modules))]
    public void AModulesCode_UsesOnlyTheModulesItMayDependOn(string name)
    {
        var module = Modules.ByName(name);
        var forbidden = Modules.Present
            .Where(m => m != module && !module.MayDependOn.Contains(m.Name))
            .Select(m => m.Namespace)
            .Concat(HostNamespaces())
            .ToList();

        ReferencedTypes.Of(module.Project).Where(t => forbidden.Any(ns => ReferencedTypes.In(t, ns)))
            .ShouldBeEmpty($"{module} uses types of {string.Join(", ", forbidden)}: reach another module through an interface the lower layer owns.");
    }

    [Fact]
    public void Core_UsesNoAspNetCoreType() =>
        ReferencedTypes.Of("Parley.Core").Where(t => ReferencedTypes.In(t, "Microsoft.AspNetCore"))
            .ShouldBeEmpty("Core knows no web type: put it in the host or a module, behind an interface Core owns.");

    /// <summary>The host's own namespaces (Parley.Admin, Parley.Api, ...): every namespace of its assembly that no module owns.</summary>
    private static IEnumerable<string> HostNamespaces() =>
        Assembly.Load(Modules.Host).GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(Modules.Host + ".", StringComparison.Ordinal) && !Modules.All.Any(m => ns == m.Namespace || ns.StartsWith(m.Namespace + ".", StringComparison.Ordinal)))
            .Select(ns => string.Join('.', ns.Split('.').Take(2)))
            .Distinct();
}
