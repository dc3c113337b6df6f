namespace Parley.Channels.Sandbox;

public sealed class SandboxOptions
{
    public const string SectionName = "Parley:Sandbox";

    /// <summary>The built-in sandbox channel and its account <c>sandbox</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long after a send the simulated phone reports <c>delivered</c>.</summary>
    public TimeSpan DeliveredAfter { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long after a send the simulated person reads the message.</summary>
    public TimeSpan ReadAfter { get; set; } = TimeSpan.FromMilliseconds(1200);

    /// <summary>Largest file the sandbox accepts as an attachment.</summary>
    public long MaxUploadBytes { get; set; } = 16 * 1024 * 1024;
}
