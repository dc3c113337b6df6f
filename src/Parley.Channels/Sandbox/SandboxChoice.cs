namespace Parley.Channels.Sandbox;

public sealed record SandboxChoice(string? Id, string? Title)
{
    public string? Kind { get; init; }
}
