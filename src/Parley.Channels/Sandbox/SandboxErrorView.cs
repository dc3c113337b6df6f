namespace Parley.Channels.Sandbox;

public sealed record SandboxErrorView(string? Code, string? Reason);
