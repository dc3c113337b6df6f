namespace Parley.Core.Hosting;

public sealed class ParleyOptions
{
    public const string SectionName = "Parley";

    /// <summary>
    /// SQLite file, stored media and the Data Protection key ring. A relative path starts at the content root (the
    /// application's folder: <c>src/Parley</c> from the source tree, the executable's folder when published), never at the
    /// working directory, so the server and every command use the same one wherever they are started.
    /// </summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The URL the outside world uses to reach Parley; webhook URLs and Twilio signatures use it. Empty: taken from the request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The data directory as an absolute path (resolved against the content root once the options are bound).</summary>
    public string DataPath() => Path.GetFullPath(DataDirectory);

    /// <summary>The data directory as an absolute path, a relative one taken from <paramref name="contentRoot"/>.</summary>
    public string DataPath(string contentRoot) => Path.GetFullPath(DataDirectory, contentRoot);
}
