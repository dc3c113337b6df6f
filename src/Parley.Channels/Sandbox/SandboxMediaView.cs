namespace Parley.Channels.Sandbox;

public sealed record SandboxMediaView(string? Url, string? MimeType, string? FileName, long? Size, bool Voice);
