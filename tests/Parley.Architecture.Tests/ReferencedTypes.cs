using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Parley.Architecture.Tests;

/// <summary>The types an assembly's compiled code refers to in other assemblies, read from its metadata.</summary>
public static class ReferencedTypes
{
    public static IReadOnlyList<string> Of(string assemblyName)
    {
        var path = Assembly.Load(assemblyName).Location;
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.TypeReferences
            .Select(h => reader.GetTypeReference(h))
            .Select(t => (Namespace: reader.GetString(t.Namespace), Name: reader.GetString(t.Name), Scope: t.ResolutionScope))
            // Nested types carry their namespace on the enclosing type.
            .Select(t => t.Namespace.Length > 0 || t.Scope.Kind != HandleKind.TypeReference
                ? $"{t.Namespace}.{t.Name}"
                : $"{reader.GetString(reader.GetTypeReference((TypeReferenceHandle)t.Scope).Namespace)}.{t.Name}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether <paramref name="type"/> (a full name) is in namespace <paramref name="ns"/> or below it.</summary>
    public static bool In(string type, string ns) => type.StartsWith(ns + ".", StringComparison.Ordinal);
}
