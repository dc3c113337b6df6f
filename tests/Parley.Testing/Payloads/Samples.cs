using System.Reflection;
using System.Text;

namespace Parley.Testing.Payloads;

/// <summary>The provider samples embedded from <c>tests/Parley.Testing/Payloads</c> (official payloads; see each folder's SOURCES.md).</summary>
public static class Samples
{
    private static readonly Assembly Assembly = typeof(Samples).Assembly;

    /// <summary>The bytes of a sample, by its path under Payloads: <c>"Meta/inbound-text.json"</c>.</summary>
    public static byte[] Bytes(string path)
    {
        using var stream = Assembly.GetManifestResourceStream($"Payloads/{path.Replace('\\', '/')}")
            ?? throw new FileNotFoundException($"No embedded payload 'Payloads/{path}'. Available: {string.Join(", ", Names(""))}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static string Read(string path) => Encoding.UTF8.GetString(Bytes(path));

    /// <summary>Sample paths under a folder, e.g. <c>Names("Meta/")</c>.</summary>
    public static IReadOnlyList<string> Names(string prefix) =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Payloads/" + prefix, StringComparison.Ordinal))
            .Select(n => n["Payloads/".Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
}
