namespace Parley.Channels.Sandbox;

public sealed record SandboxAccountView(string Id, string Bot, string? Description, string? DisplayName);
