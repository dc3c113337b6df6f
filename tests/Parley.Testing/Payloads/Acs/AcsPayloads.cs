namespace Parley.Testing.Payloads.Acs;

/// <summary>
/// The official ACS / Event Grid samples (verbatim, see SOURCES.md beside them), copied to the test output.
/// </summary>
public static class AcsPayloads
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Payloads", "Acs");

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

    public static byte[] Bytes(string fileName) => File.ReadAllBytes(Path.Combine(Directory, fileName));

    /// <summary>Every JSON sample's file name.</summary>
    public static IReadOnlyList<string> All() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;
}
