namespace Parley.Channels.Sandbox;

/// <summary>The body of <c>POST /api/v1/sandbox/access</c>.</summary>
public sealed record SandboxTokenEntry(string? Token);
