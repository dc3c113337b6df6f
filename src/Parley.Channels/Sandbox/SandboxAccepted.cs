namespace Parley.Channels.Sandbox;

public sealed record SandboxAccepted(string Id);
