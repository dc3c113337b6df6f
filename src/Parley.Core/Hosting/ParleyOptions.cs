namespace Parley.Core.Hosting;

public sealed class ParleyOptions
{
    public const string SectionName = "Parley";

    /// <summary>SQLite file, stored media and the Data Protection key ring. Relative paths start at the working directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The URL the outside world uses to reach Parley; webhook URLs and Twilio signatures use it. Empty: taken from the request.</summary>
    public string? PublicBaseUrl { get; set; }

    public string DataPath() => Path.GetFullPath(DataDirectory);
}
