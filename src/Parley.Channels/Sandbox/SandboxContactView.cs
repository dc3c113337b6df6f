namespace Parley.Channels.Sandbox;

public sealed record SandboxContactView(string WaId, string? Phone, string? Name, DateTimeOffset LastMessageAt, string? LastText);
